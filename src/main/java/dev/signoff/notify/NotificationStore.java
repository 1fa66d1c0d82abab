package dev.signoff.notify;

import dev.signoff.audit.AuditLog;
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

/**
 * The sender's short transactions: claim due notices under a fenced lease, then record each result. No transaction is
 * open while a mail is sent. Every result write applies only while the row is still PENDING under this claim, so an
 * instance that overran its lease (and whose row another instance took over) records nothing.
 */
@ApplicationScoped
class NotificationStore {

    private static final int MAX_ERROR_CHARS = 2000;

    /** A claimed notice: what to send, to whom, and the claim that entitles us to record the result. */
    record Claimed(
            UUID id,
            Notification.Kind kind,
            Notification.Channel channel,
            UUID taskId,
            String recipient,
            String address,
            String occurrence,
            int attempts,
            UUID claimToken) {}

    // SKIP LOCKED: instances claim side by side without taking the same row; the lease (on the database's clock) lets
    // another instance take over a row whose claimer died mid-send. Served by ix_notification_due.
    private static final String CLAIM_DUE = "select * from notification where status = 'PENDING'"
            + " and next_attempt_at <= ? and (lease_until is null or lease_until < ?)"
            + " order by next_attempt_at limit ? for update skip locked";

    private final NotifyConfig config;
    private final AuditLog audit;
    private final Clock clock;

    NotificationStore(NotifyConfig config, AuditLog audit, Clock clock) {
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<Claimed> claimDue() {
        Instant dbNow = databaseNow();
        List<Notification> due = Panache.getEntityManager()
                .createNativeQuery(CLAIM_DUE, Notification.class)
                .setParameter(1, clock.instant())
                .setParameter(2, dbNow)
                .setParameter(3, config.batchSize())
                .getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        UUID claim = UUID.randomUUID();
        Notification.update(
                "leaseUntil = ?1, claimToken = ?2 where id in ?3",
                dbNow.plus(config.lease()),
                claim,
                due.stream().map(n -> n.id).toList());
        return due.stream()
                .map(n -> new Claimed(
                        n.id, n.kind, n.channel, n.taskId, n.recipient, n.address, n.occurrence, n.attempts, claim))
                .toList();
    }

    @Transactional
    void sent(Claimed claimed, String subject) {
        settle(claimed, Notification.Status.SENT, subject, null, null);
    }

    /** Nothing to say any more (the task was decided before its reminder was due, say): never sent. */
    @Transactional
    void skipped(Claimed claimed, String reason) {
        settle(claimed, Notification.Status.SKIPPED, null, reason, null);
    }

    /** A permanent refusal (SMTP 5xx): recorded for admins and on the task, never tried again. */
    @Transactional
    void refused(Claimed claimed, String subject, String reason) {
        if (settle(claimed, Notification.Status.REFUSED, subject, reason, null) && claimed.taskId() != null) {
            audit.record(
                    AuditLog.SYSTEM,
                    claimed.taskId(),
                    "NOTIFICATION_REFUSED",
                    claimed.kind() + " to " + claimed.recipient() + ": " + reason);
        }
    }

    /** A temporary failure: again after a backoff, up to max-attempts; then FAILED, recorded like a refusal. */
    @Transactional
    void retryLater(Claimed claimed, String subject, String reason) {
        int attempts = claimed.attempts() + 1;
        if (attempts >= config.maxAttempts()) {
            String gaveUp = "gave up after " + attempts + " attempts; last error: " + reason;
            if (settle(claimed, Notification.Status.FAILED, subject, gaveUp, null) && claimed.taskId() != null) {
                audit.record(
                        AuditLog.SYSTEM,
                        claimed.taskId(),
                        "NOTIFICATION_FAILED",
                        claimed.kind() + " to " + claimed.recipient() + ": " + gaveUp);
            }
            return;
        }
        settle(
                claimed,
                Notification.Status.PENDING,
                subject,
                reason,
                clock.instant().plus(backoff(attempts)));
    }

    /** Doubles from initial-backoff per attempt, capped at max-backoff. */
    Duration backoff(int attempts) {
        Duration delay = config.initialBackoff();
        for (int i = 1; i < attempts && delay.compareTo(config.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    private boolean settle(
            Claimed claimed, Notification.Status status, String subject, String error, Instant nextAttempt) {
        boolean retry = status == Notification.Status.PENDING;
        return Notification.update(
                        "status = :status, subject = coalesce(:subject, subject), lastError = :error,"
                                + " attempts = attempts + :tried, sentAt = :sentAt,"
                                + " nextAttemptAt = coalesce(:next, nextAttemptAt), leaseUntil = null, claimToken = null"
                                + " where id = :id and claimToken = :claim and status = :pending",
                        Parameters.with("status", status)
                                .and("subject", subject)
                                .and("error", clip(error))
                                .and("tried", status == Notification.Status.SKIPPED ? 0 : 1)
                                .and("sentAt", status == Notification.Status.SENT ? clock.instant() : null)
                                // settled: next_attempt_at becomes when it settled (the admins' list of refusals reads
                                // it)
                                .and("next", retry ? nextAttempt : clock.instant())
                                .and("id", claimed.id())
                                .and("claim", claimed.claimToken())
                                .and("pending", Notification.Status.PENDING))
                == 1;
    }

    private static String clip(String error) {
        return error == null || error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS);
    }

    private static Instant databaseNow() {
        Object now = Panache.getEntityManager()
                .createNativeQuery("select current_timestamp")
                .getSingleResult();
        if (now instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (now instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (now instanceof Instant instant) {
            return instant;
        }
        if (now instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        throw new IllegalStateException("unexpected current_timestamp type " + now.getClass());
    }
}
