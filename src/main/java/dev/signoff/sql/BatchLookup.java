package dev.signoff.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A lookup by a batch of keys as plain JDBC with a fixed number of placeholders, {@code column in (?, ..., ?)}, the
 * last key repeated where the batch is smaller. Intake looks up every received batch (at most 10 messages, SQS's
 * limit). An HQL {@code in} with a list parameter made Hibernate translate the query again on every call, and each
 * batch size was a different statement for PostgreSQL; even as a native query, Hibernate's query and result
 * machinery cost more than the lookup (docs/performance.md). One statement text, whatever the size, is planned once,
 * and rows are read straight off the result set.
 */
public final class BatchLookup {

    /** Keys per statement; more are looked up in chunks of this many. */
    public static final int SIZE = 10;

    /** Reads one row of a lookup's result. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private BatchLookup() {}

    /** {@code column in (?, ..., ?)} with {@link #SIZE} placeholders: the statement's only parameters. */
    public static String in(String column) {
        return column + " in (" + String.join(", ", Collections.nCopies(SIZE, "?")) + ")";
    }

    /** The keys in chunks of at most {@link #SIZE}, in their order. */
    static <T> List<List<T>> chunks(Collection<T> keys) {
        List<T> all = List.copyOf(keys);
        if (all.isEmpty()) {
            return Collections.emptyList();
        }
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SIZE) {
            chunks.add(all.subList(from, Math.min(all.size(), from + SIZE)));
        }
        return chunks;
    }

    /**
     * Runs {@code sql} (whose only placeholders are one {@link #in}) for each chunk of the keys on the connection,
     * handing every row to {@code reader}. The same row can come twice when keys repeat.
     */
    public static void forEachRow(Connection connection, String sql, Collection<?> keys, RowReader reader)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (List<?> chunk : chunks(keys)) {
                bind(statement, chunk);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            }
        }
    }

    /** Binds one chunk to the placeholders of {@link #in}, repeating its last key to fill them. */
    static void bind(PreparedStatement statement, List<?> chunk) throws SQLException {
        for (int i = 0; i < SIZE; i++) {
            statement.setObject(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
        }
    }
}
