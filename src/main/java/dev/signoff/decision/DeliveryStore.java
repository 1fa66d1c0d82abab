package dev.signoff.decision;

import dev.signoff.audit.AuditLog;
import dev.signoff.review.TaskLifecycle;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The dispatcher's short transactions: claim due callbacks under a lease, then record each result. No transaction is
 * held open while Step Functions is called.
 *
 * <p>Leases are fenced. Each claim writes a fresh claim token, and every later write (renewal, result) applies only
 * while the row is still PENDING under that token. An instance that overran its lease, and whose row another instance
 * has claimed since, records nothing: the other instance's result is the one that counts, so a late TaskTimedOut or
 * TaskDoesNotExist can never overwrite a delivery, nor write a second audit row. Leases are compared on the database's
 * clock, so instances whose clocks disagree still agree on who holds a row.
 */
@ApplicationScoped
class DeliveryStore {

    private static final Logger LOG = Logger.getLogger(DeliveryStore.class);
    private static final int MAX_ERROR_CHARS = 2000;

    /** A claimed callback, with everything needed to send it and the claim that entitles us to record its result. */
    record Claimed(
            UUID id,
            UUID taskId,
            OutboxEntry.Kind kind,
            String sealedToken,
            String tokenHash,
            String executionArn,
            String output,
            String error,
            String cause,
            StepFunctionsGateway.Marker marker,
            boolean expiry,
            int attempts,
            UUID claimToken,
            Instant queuedAt) {

        @Override
        public String toString() {
            return "Claimed[" + id + ", task " + taskId + ", attempt " + (attempts + 1) + "]";
        }
    }

    /**
     * Parameters: the app's now (due retries), the database's now (leases), the batch size. Served by ix_outbox_due.
     * SKIP LOCKED lets several instances claim side by side without taking the same row; the lease lets another
     * instance take over a row whose claimer died mid-delivery.
     */
    static final String CLAIM_DUE = "select * from outbox where status = 'PENDING' and next_attempt_at <= ?"
            + " and (lease_until is null or lease_until < ?) order by next_attempt_at limit ? for update skip locked";

    /** The same on PostgreSQL and H2; read in the transaction that compares or writes a lease. */
    static final String DATABASE_NOW = "select current_timestamp";

    private final DispatchConfig config;
    private final AuditLog audit;
    private final TaskLifecycle lifecycle;
    private final Clock clock;
    private final DispatchMetrics metrics;

    DeliveryStore(
            DispatchConfig config, AuditLog audit, TaskLifecycle lifecycle, Clock clock, DispatchMetrics metrics) {
        this.config = config;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Claims due callbacks under the configured lease. */
    List<Claimed> claimDue() {
        return claimDue(config.lease());
    }

    /** Claims a batch of due callbacks under {@code lease}, on the database's clock, with a new claim token. */
    List<Claimed> claimDue(Duration lease) {
        return claimDue(lease, config.batchSize());
    }

    /** Claims up to {@code limit} due callbacks under {@code lease}. */
    @Transactional
    @SuppressWarnings("unchecked")
    List<Claimed> claimDue(Duration lease, int limit) {
        Instant dbNow = databaseNow();
        // One read of the rows themselves (no second lookup per row), then one update for the whole batch.
        List<OutboxEntry> due = Panache.getEntityManager()
                .createNativeQuery(CLAIM_DUE, OutboxEntry.class)
                .setParameter(1, clock.instant())
                .setParameter(2, dbNow)
                .setParameter(3, limit)
                .getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        UUID claimToken = UUID.randomUUID();
        OutboxEntry.update(
                "leaseUntil = ?1, claimToken = ?2 where id in ?3",
                dbNow.plus(lease),
                claimToken,
                due.stream().map(e -> e.id).toList());
        return due.stream().map(e -> claimed(e, claimToken)).toList();
    }

    /**
     * Starts the lease again for a row whose turn has come in its batch. False: the lease ran out and another instance
     * claimed the row (or it was settled): leave it to them, do not send it.
     */
    @Transactional
    boolean renew(Claimed claimed, Duration lease) {
        return OutboxEntry.update(
                        "leaseUntil = :until where id = :id and claimToken = :claim and status = :pending",
                        Parameters.with("until", databaseNow().plus(lease))
                                .and("id", claimed.id())
                                .and("claim", claimed.claimToken())
                                .and("pending", OutboxEntry.Status.PENDING))
                == 1;
    }

    private static Claimed claimed(OutboxEntry entry, UUID claimToken) {
        // Signoff.Expired or Signoff.Cancelled for a task nobody decided: the only callbacks with a task but no
        // decision.
        boolean expiry = entry.taskId != null && entry.decisionId == null && entry.quarantineId == null;
        return new Claimed(
                entry.id,
                entry.taskId,
                entry.kind,
                entry.tokenCiphertext,
                entry.tokenHash,
                entry.executionArn,
                entry.outputJson,
                entry.errorCode,
                entry.errorCause,
                marker(entry, expiry),
                expiry,
                entry.attempts,
                claimToken,
                entry.createdAt);
    }

    /** The random delivery id; rows queued before it existed carry the key their callback put their id under. */
    private static StepFunctionsGateway.Marker marker(OutboxEntry entry, boolean expiry) {
        if (entry.deliveryId != null) {
            return new StepFunctionsGateway.Marker("deliveryId", entry.deliveryId.toString());
        }
        if (entry.decisionId != null) {
            return new StepFunctionsGateway.Marker("decisionId", entry.decisionId.toString());
        }
        if (entry.quarantineId != null) {
            return new StepFunctionsGateway.Marker("quarantineId", entry.quarantineId.toString());
        }
        return expiry ? new StepFunctionsGateway.Marker("taskId", entry.taskId.toString()) : null;
    }

    @Transactional
    void delivered(Claimed claimed, String note) {
        if (!settle(claimed, OutboxEntry.Status.DELIVERED, note, null)) {
            return;
        }
        metrics.delivered(claimed.queuedAt());
        if (claimed.expiry()) {
            // The task was closed (EXPIRED, or CANCELLED by an admin) when the callback was queued; only the delivery
            // is news.
            audit.record(
                    AuditLog.SYSTEM, claimed.taskId(), "CALLBACK_DELIVERED", note == null ? claimed.error() : note);
            return;
        }
        if (claimed.taskId() != null) {
            lifecycle.delivered(claimed.taskId(), note);
        } else {
            audit.record(AuditLog.SYSTEM, null, "CALLBACK_DELIVERED", note == null ? "invalid-request callback" : note);
        }
    }

    /** Tries again later, up to max-attempts; then FAILED, or UNCONFIRMED when an attempt may have landed. */
    @Transactional
    void retryLater(Claimed claimed, String reason, boolean mayHaveLanded) {
        int attempts = claimed.attempts() + 1;
        if (attempts >= config.maxAttempts()) {
            String gaveUp = "Gave up after " + attempts + " attempts; last error: " + reason;
            if (mayHaveLanded) {
                unconfirmed(claimed, gaveUp);
            } else if (settle(claimed, OutboxEntry.Status.FAILED, gaveUp, null)) {
                metrics.failed(DispatchMetrics.Failure.FAILED);
                failTask(claimed, gaveUp);
            }
            return;
        }
        if (settle(claimed, OutboxEntry.Status.PENDING, reason, clock.instant().plus(backoff(attempts)))) {
            metrics.failed(DispatchMetrics.Failure.RETRIED);
            audit.record(AuditLog.SYSTEM, claimed.taskId(), "CALLBACK_RETRY", "attempt " + attempts + ": " + reason);
        }
    }

    @Transactional
    void retryLater(Claimed claimed, String reason) {
        retryLater(claimed, reason, false);
    }

    @Transactional
    void expired(Claimed claimed, String reason) {
        if (!settle(claimed, OutboxEntry.Status.EXPIRED, reason, null)) {
            return;
        }
        metrics.failed(DispatchMetrics.Failure.EXPIRED);
        if (claimed.taskId() != null) {
            lifecycle.callbackExpired(claimed.taskId(), reason);
        } else {
            audit.record(AuditLog.SYSTEM, null, "CALLBACK_EXPIRED", reason);
        }
    }

    @Transactional
    void failed(Claimed claimed, String reason) {
        if (settle(claimed, OutboxEntry.Status.FAILED, reason, null)) {
            metrics.failed(DispatchMetrics.Failure.FAILED);
            failTask(claimed, reason);
        }
    }

    /** Nobody can tell whether the callback landed: kept for an admin, neither delivered nor expired. */
    @Transactional
    void unconfirmed(Claimed claimed, String reason) {
        if (!settle(claimed, OutboxEntry.Status.UNCONFIRMED, reason, null)) {
            return;
        }
        metrics.failed(DispatchMetrics.Failure.UNCONFIRMED);
        if (claimed.taskId() != null) {
            lifecycle.deliveryUnconfirmed(claimed.taskId(), reason);
        } else {
            audit.record(AuditLog.SYSTEM, null, "CALLBACK_UNCONFIRMED", reason);
        }
    }

    /** Exponential backoff with equal jitter: half the delay fixed, half random, so retries spread out. */
    Duration backoff(int attempts) {
        long base = config.initialBackoff().toMillis();
        long cap = config.maxBackoff().toMillis();
        long delay = Math.min(cap, base << Math.min(30, Math.max(0, attempts - 1)));
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    /**
     * Records an attempt's result, only while the row is still PENDING under our claim; releases the lease. PENDING
     * with {@code nextAttemptAt} is a retry. False: another instance holds the row now, and we record nothing.
     */
    private boolean settle(Claimed claimed, OutboxEntry.Status status, String lastError, Instant nextAttemptAt) {
        Parameters values = Parameters.with("status", status)
                .and("attempts", claimed.attempts() + 1)
                .and("lastError", shortened(lastError))
                .and("id", claimed.id())
                .and("claim", claimed.claimToken())
                .and("pending", OutboxEntry.Status.PENDING);
        String set = "status = :status, attempts = :attempts, lastError = :lastError, leaseUntil = null,"
                + " claimToken = null";
        if (status == OutboxEntry.Status.DELIVERED) {
            set += ", deliveredAt = :deliveredAt";
            values.and("deliveredAt", clock.instant());
        }
        if (nextAttemptAt != null) {
            set += ", nextAttemptAt = :next";
            values.and("next", nextAttemptAt);
        }
        boolean ours =
                OutboxEntry.update(set + " where id = :id and claimToken = :claim and status = :pending", values) == 1;
        if (!ours) {
            LOG.infof(
                    "Callback %s was claimed by another instance while this one sent it; its result (%s) is theirs"
                            + " to record",
                    claimed, status);
        }
        return ours;
    }

    private Instant databaseNow() {
        Object now = Panache.getEntityManager().createNativeQuery(DATABASE_NOW).getSingleResult();
        if (now instanceof Instant instant) {
            return instant;
        }
        if (now instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (now instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (now instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("current_timestamp came back as " + now.getClass());
    }

    private static String shortened(String text) {
        return text == null || text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS - 1) + "…";
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
