package dev.signoff.decision;

import dev.signoff.audit.AuditLog;
import dev.signoff.review.TaskLifecycle;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The dispatcher's short transactions: claim due callbacks under a lease, then record each result. No
 * transaction is held open while Step Functions is called.
 */
@ApplicationScoped
class DeliveryStore {

    /** A claimed callback, with everything needed to send it. */
    record Claimed(
            UUID id,
            UUID taskId,
            OutboxEntry.Kind kind,
            String sealedToken,
            String executionArn,
            String output,
            String error,
            String cause,
            String marker,
            int attempts) {

        /** Signoff.Expired for a task nobody decided: the only callback with a task but no decision. */
        boolean expiry() {
            return taskId != null && marker.equals(taskId.toString());
        }

        @Override
        public String toString() {
            return "Claimed[" + id + ", task " + taskId + ", attempt " + (attempts + 1) + "]";
        }
    }

    /**
     * Parameters: now (twice), the batch size. Served by ix_outbox_due. SKIP LOCKED lets several instances claim side by
     * side without taking the same row; the lease lets another instance take over a row whose claimer died
     * mid-delivery.
     */
    static final String CLAIM_DUE = "select * from outbox where status = 'PENDING' and next_attempt_at <= ?"
            + " and (lease_until is null or lease_until < ?) order by next_attempt_at limit ? for update skip locked";

    private final DispatchConfig config;
    private final AuditLog audit;
    private final TaskLifecycle lifecycle;
    private final Clock clock;

    DeliveryStore(DispatchConfig config, AuditLog audit, TaskLifecycle lifecycle, Clock clock) {
        this.config = config;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** Claims due callbacks under a lease. */
    @Transactional
    @SuppressWarnings("unchecked")
    List<Claimed> claimDue() {
        Instant now = clock.instant();
        // One read of the rows themselves (no second lookup per row), then one update for the whole batch.
        List<OutboxEntry> due = Panache.getEntityManager()
                .createNativeQuery(CLAIM_DUE, OutboxEntry.class)
                .setParameter(1, now)
                .setParameter(2, now)
                .setParameter(3, config.batchSize())
                .getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        Instant leaseUntil = now.plus(config.lease());
        OutboxEntry.update(
                "leaseUntil = ?1 where id in ?2",
                leaseUntil,
                due.stream().map(e -> e.id).toList());
        return due.stream().map(DeliveryStore::claimed).toList();
    }

    private static Claimed claimed(OutboxEntry entry) {
        // What identifies our callback in the execution history: the decision, the quarantined message, or for
        // Signoff.Expired the task itself.
        UUID marker = entry.decisionId != null
                ? entry.decisionId
                : entry.quarantineId != null ? entry.quarantineId : entry.taskId;
        return new Claimed(
                entry.id,
                entry.taskId,
                entry.kind,
                entry.tokenCiphertext,
                entry.executionArn,
                entry.outputJson,
                entry.errorCode,
                entry.errorCause,
                String.valueOf(marker),
                entry.attempts);
    }

    @Transactional
    void delivered(Claimed claimed, String note) {
        OutboxEntry entry = attempted(claimed);
        entry.status = OutboxEntry.Status.DELIVERED;
        entry.deliveredAt = clock.instant();
        entry.lastError = note;
        if (claimed.expiry()) {
            // The task was closed as EXPIRED when the callback was queued; only the delivery is news.
            audit.record(
                    AuditLog.SYSTEM, claimed.taskId(), "CALLBACK_DELIVERED", note == null ? "Signoff.Expired" : note);
            return;
        }
        if (claimed.taskId() != null) {
            lifecycle.delivered(claimed.taskId(), note);
        } else {
            audit.record(AuditLog.SYSTEM, null, "CALLBACK_DELIVERED", note == null ? "invalid-request callback" : note);
        }
    }

    @Transactional
    void retryLater(Claimed claimed, String reason) {
        OutboxEntry entry = attempted(claimed);
        entry.lastError = reason;
        if (entry.attempts >= config.maxAttempts()) {
            entry.status = OutboxEntry.Status.FAILED;
            failTask(claimed, "Gave up after " + entry.attempts + " attempts; last error: " + reason);
            return;
        }
        entry.nextAttemptAt = clock.instant().plus(backoff(entry.attempts));
        audit.record(AuditLog.SYSTEM, claimed.taskId(), "CALLBACK_RETRY", "attempt " + entry.attempts + ": " + reason);
    }

    @Transactional
    void expired(Claimed claimed, String reason) {
        OutboxEntry entry = attempted(claimed);
        entry.status = OutboxEntry.Status.EXPIRED;
        entry.lastError = reason;
        if (claimed.taskId() != null) {
            lifecycle.callbackExpired(claimed.taskId(), reason);
        } else {
            audit.record(AuditLog.SYSTEM, null, "CALLBACK_EXPIRED", reason);
        }
    }

    @Transactional
    void failed(Claimed claimed, String reason) {
        OutboxEntry entry = attempted(claimed);
        entry.status = OutboxEntry.Status.FAILED;
        entry.lastError = reason;
        failTask(claimed, reason);
    }

    /** Exponential backoff with equal jitter: half the delay fixed, half random, so retries spread out. */
    Duration backoff(int attempts) {
        long base = config.initialBackoff().toMillis();
        long cap = config.maxBackoff().toMillis();
        long delay = Math.min(cap, base << Math.min(30, Math.max(0, attempts - 1)));
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    private OutboxEntry attempted(Claimed claimed) {
        OutboxEntry entry = OutboxEntry.findById(claimed.id());
        entry.attempts = claimed.attempts() + 1;
        entry.leaseUntil = null;
        return entry;
    }

    private void failTask(Claimed claimed, String reason) {
        if (claimed.taskId() != null) {
            lifecycle.deliveryFailed(claimed.taskId(), reason);
        } else {
            // A callback for a quarantined request: no task to close, but the outcome still belongs in the audit.
            audit.record(AuditLog.SYSTEM, null, "CALLBACK_FAILED", reason);
        }
    }
}
