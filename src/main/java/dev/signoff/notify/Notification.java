package dev.signoff.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of the notification outbox (V19): one notice for one recipient, and how sending it went. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    /** What the notice says; each kind has its own mail template. */
    public enum Kind {
        NEW_TASK,
        REMINDER,
        DEADLINE_WARNING,
        ESCALATION,
        DIGEST,
        OUTCOME
    }

    public enum Channel {
        EMAIL,
        SLACK,
        TEAMS
    }

    public enum Status {
        PENDING,
        SENT,
        REFUSED,
        FAILED,
        SKIPPED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "task_id")
    public UUID taskId;

    @Column(nullable = false)
    public String recipient;

    @Column(nullable = false)
    public String address;

    @Column(nullable = false)
    public String occurrence;

    @Column(name = "dedupe_key", nullable = false)
    public String dedupeKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "claim_token")
    public UUID claimToken;

    public String subject;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
