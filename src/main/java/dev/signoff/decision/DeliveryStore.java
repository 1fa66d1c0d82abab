package dev.signoff.decision;

import dev.signoff.audit.AuditLog;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
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

    private final DispatchConfig config;
    private final AuditLog audit;
    private final Clock clock;

    DeliveryStore(DispatchConfig config, AuditLog audit, Clock clock) {
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Claims due callbacks. SKIP LOCKED lets several instances claim side by side without taking the same row;
     * the lease lets another instance take over a row whose claimer died mid-delivery.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    List<Claimed> claimDue() {
        Instant now = clock.instant();
        List<UUID> ids = Panache.getEntityManager()
                .createNativeQuery(
                        "select id from outbox where status = 'PENDING' and next_attempt_at <= ?1"
                                + " and (lease_until is null or lease_until < ?1) order by next_attempt_at"
                                + " limit ?2 for update skip locked",
                        UUID.class)
                .setParameter(1, now)
                .setParameter(2, config.batchSize())
                .getResultList();
        Instant leaseUntil = now.plus(config.lease());
        return ids.stream()
                .map(id -> {
                    OutboxEntry entry = OutboxEntry.findById(id);
                    entry.leaseUntil = leaseUntil;
                    // What identifies our callback in the execution history: the decision, the quarantined message,
                    // or for Signoff.Expired the task itself.
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
                })
                .toList();
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
        closeTask(claimed.taskId(), TaskStatus.DELIVERED, note, "CALLBACK_DELIVERED");
    }

    @Transactional
    void retryLater(Claimed claimed, String reason) {
        OutboxEntry entry = attempted(claimed);
        entry.lastError = reason;
        if (entry.attempts >= config.maxAttempts()) {
            entry.status = OutboxEntry.Status.FAILED;
            closeTask(
                    claimed.taskId(),
                    TaskStatus.DELIVERY_FAILED,
                    "Gave up after " + entry.attempts + " attempts; last error: " + reason,
                    "CALLBACK_FAILED");
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
        closeTask(claimed.taskId(), TaskStatus.EXPIRED, reason, "CALLBACK_EXPIRED");
    }

    @Transactional
    void failed(Claimed claimed, String reason) {
        OutboxEntry entry = attempted(claimed);
        entry.status = OutboxEntry.Status.FAILED;
        entry.lastError = reason;
        closeTask(claimed.taskId(), TaskStatus.DELIVERY_FAILED, reason, "CALLBACK_FAILED");
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

    private void closeTask(UUID taskId, TaskStatus status, String reason, String auditType) {
        if (taskId == null) {
            // A callback for a quarantined request: no task to close, but the outcome still belongs in the audit.
            audit.record(AuditLog.SYSTEM, null, auditType, reason == null ? "invalid-request callback" : reason);
            return;
        }
        ReviewTask task = ReviewTask.findById(taskId);
        task.status = status;
        task.statusReason = reason;
        task.closedAt = clock.instant();
        audit.record(AuditLog.SYSTEM, taskId, auditType, reason);
    }
}
