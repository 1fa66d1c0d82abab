package dev.signoff.sql;

import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A lookup by a batch of keys as native SQL with a fixed number of placeholders, {@code column in (?1, ..., ?10)},
 * the last key repeated where the batch is smaller. Intake looks up every received batch (at most 10 messages, SQS's
 * limit): an HQL {@code in} with a list parameter made Hibernate translate the query again on every call, and each
 * batch size was a different statement for PostgreSQL, about a sixth of intake's CPU (docs/performance.md). One
 * statement text, whatever the size, is translated and planned once.
 */
public final class BatchLookup {

    /** Keys per statement; more are looked up in chunks of this many. */
    public static final int SIZE = 10;

    private BatchLookup() {}

    /** {@code column in (?1, ..., ?10)}: the statement's only parameters. */
    public static String in(String column) {
        List<String> marks = new ArrayList<>(SIZE);
        for (int i = 1; i <= SIZE; i++) {
            marks.add("?" + i);
        }
        return column + " in (" + String.join(", ", marks) + ")";
    }

    /** The keys in chunks of at most {@link #SIZE}, in their order. */
    public static <T> List<List<T>> chunks(Collection<T> keys) {
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

    /** Binds one chunk to the placeholders of {@link #in}, repeating its last key to fill them. */
    public static Query bind(Query query, List<?> chunk) {
        for (int i = 0; i < SIZE; i++) {
            query.setParameter(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
        }
        return query;
    }
}
