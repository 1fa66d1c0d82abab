package dev.signoff.admin;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.UUID;

/** Tasks and decisions with known times, written straight into the tables the analytics page aggregates. */
final class AnalyticsFixtures {

    private AnalyticsFixtures() {}

    /** A state machine's ARN, with an alias: the workflow is its name without it. */
    static String stateMachine(String name) {
        return "arn:aws:states:eu-west-1:123456789012:stateMachine:" + name + ":prod";
    }

    /** A closed or open task, no heartbeat, so no background job touches it. {@code stateMachineArn} may be null. */
    static UUID task(
            String stateMachineArn,
            String workflow,
            String status,
            Instant receivedAt,
            Instant decidedAt,
            Instant closedAt) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery("insert into review_task (id, token_hash, token_ciphertext, execution_arn,"
                                + " state_machine_arn, title, request_json, status, received_at, decided_at, closed_at,"
                                + " version) values (?1, ?2, 'sealed', ?3, ?4, 'Analytics fixture', '{}', ?5, ?6, ?7,"
                                + " ?8, 0)")
                        .setParameter(1, id)
                        .setParameter(2, id.toString().replace("-", ""))
                        .setParameter(3, "arn:aws:states:eu-west-1:123456789012:execution:" + workflow + ":" + id)
                        .setParameter(4, stateMachineArn)
                        .setParameter(5, status)
                        .setParameter(6, receivedAt)
                        .setParameter(7, decidedAt)
                        .setParameter(8, closedAt)
                        .executeUpdate());
        return id;
    }

    /** A task of {@code workflow} decided {@code outcome} at {@code decidedAt}, its callback delivered a second later. */
    static UUID decided(String workflow, Instant receivedAt, Instant decidedAt, String outcome, boolean edited) {
        UUID id = task(stateMachine(workflow), workflow, "DELIVERED", receivedAt, decidedAt, decidedAt.plusSeconds(1));
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery("insert into decision (id, task_id, idempotency_key, outcome, edited,"
                                + " reviewer_id, reviewer_name, decided_at) values (?1, ?2, ?3, ?4, ?5, 'reviewer',"
                                + " 'Rita Reviewer', ?6)")
                        .setParameter(1, UUID.randomUUID())
                        .setParameter(2, id)
                        .setParameter(3, id.toString())
                        .setParameter(4, outcome)
                        .setParameter(5, edited)
                        .setParameter(6, decidedAt)
                        .executeUpdate());
        return id;
    }

    /** A task of {@code workflow} closed without a decision ({@code EXPIRED} or {@code CANCELLED}). */
    static UUID closed(String workflow, String status, Instant receivedAt, Instant closedAt) {
        return task(stateMachine(workflow), workflow, status, receivedAt, null, closedAt);
    }
}
