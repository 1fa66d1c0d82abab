package dev.signoff.sql;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.hibernate.Session;

/**
 * Many rows of one table written as one plain JDBC batch on the transaction's connection: intake writes a received
 * batch's tasks, assignees and events this way, because Hibernate's persist and flush of as many entities cost more
 * CPU than the statements themselves (docs/performance.md, "Intake"). Nothing written so is in the persistence
 * context afterwards; a later read in the transaction loads the row.
 */
public final class BatchInsert {

    /** Binds one row's values to the insert's placeholders. */
    @FunctionalInterface
    public interface RowBinder<T> {
        void bind(PreparedStatement insert, T row) throws SQLException;
    }

    private BatchInsert() {}

    /** Runs {@code sql} once for each of {@code rows}, in one JDBC batch; nothing at all when there are none. */
    public static <T> void insertAll(EntityManager entityManager, String sql, List<T> rows, RowBinder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (T row : rows) {
                    binder.bind(insert, row);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
