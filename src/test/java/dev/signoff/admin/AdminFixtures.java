package dev.signoff.admin;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.UUID;

/** Rows written straight into the tables the dashboard counts: what intake and the dispatcher would have left. */
final class AdminFixtures {

    private AdminFixtures() {}

    /** A waiting task with no heartbeat, so no background job touches it while a test counts. */
    static UUID task(String status, Instant receivedAt, Instant dueAt, Instant timeoutAt, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery(
                                "insert into review_task (id, token_hash, token_ciphertext, execution_arn, title,"
                                        + " request_json, status, received_at, due_at, timeout_at, expires_at, version)"
                                        + " values (?1, ?2, 'sealed', ?3, 'Fixture review', '{}', ?4, ?5, ?6, ?7, ?8, 0)")
                        .setParameter(1, id)
                        .setParameter(2, id.toString().replace("-", ""))
                        .setParameter(3, "arn:aws:states:eu-west-1:123456789012:execution:fixture:" + id)
                        .setParameter(4, status)
                        .setParameter(5, receivedAt)
                        .setParameter(6, dueAt)
                        .setParameter(7, timeoutAt)
                        .setParameter(8, expiresAt)
                        .executeUpdate());
        return id;
    }

    /** Puts a fixture task in a workflow and state, with what the reconciliation sweep last found (null: nothing). */
    static void inGroup(UUID task, String workflow, String state, String executionStatus, Instant checkedAt) {
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery("update review_task set state_machine_arn = ?1, state_name = ?2,"
                                + " execution_status = ?3, execution_checked_at = ?4 where id = ?5")
                        .setParameter(1, "arn:aws:states:eu-west-1:123456789012:stateMachine:" + workflow)
                        .setParameter(2, state)
                        .setParameter(3, executionStatus)
                        .setParameter(4, checkedAt)
                        .setParameter(5, task)
                        .executeUpdate());
    }

    /** An outbox row for no task (as for a quarantined request), settled with {@code status}. */
    static UUID callback(String status, Instant createdAt) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery(
                                "insert into outbox (id, quarantine_id, token_ciphertext, token_hash, kind, error_code,"
                                        + " status, attempts, next_attempt_at, last_error, created_at)"
                                        + " values (?1, ?2, 'sealed', ?3, 'FAILURE', 'Signoff.InvalidRequest', ?4, 20, ?5,"
                                        + " 'Gave up after 20 attempts', ?5)")
                        .setParameter(1, id)
                        .setParameter(2, UUID.randomUUID())
                        .setParameter(3, "hash-" + id)
                        .setParameter(4, status)
                        .setParameter(5, createdAt)
                        .executeUpdate());
        return id;
    }

    static UUID quarantined(Instant receivedAt, String body) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery(
                                "insert into quarantine (id, message_id, received_at, receive_count, body, reason,"
                                        + " action) values (?1, ?2, ?3, 1, ?4, 'title: missing', 'LEFT_FOR_DLQ')")
                        .setParameter(1, id)
                        .setParameter(2, "fixture-" + id)
                        .setParameter(3, receivedAt)
                        .setParameter(4, body)
                        .executeUpdate());
        return id;
    }

    static void handled(String table, UUID id) {
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery(
                                "update " + table + " set handled_at = current_timestamp, handled_by = 'fixture',"
                                        + " handled_note = 'fixture' where id = ?1")
                        .setParameter(1, id)
                        .executeUpdate());
    }

    /** One column of a row, read in a transaction of its own. */
    static Object column(String table, String column, UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createNativeQuery("select " + column + " from " + table + " where id = ?1")
                        .setParameter(1, id)
                        .getSingleResult());
    }
}
