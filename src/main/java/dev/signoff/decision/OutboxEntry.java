package dev.signoff.decision;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A callback Step Functions must receive, written in the same transaction as the change that causes it. */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    public enum Kind {
        SUCCESS,
        FAILURE
    }

    public enum Status {
        PENDING,
        DELIVERED,
        /** Step Functions no longer waits for the token: nothing to deliver to. */
        EXPIRED,
        FAILED,
        /**
         * Step Functions' answer was ambiguous and the execution history could not settle it (too long to read to the
         * end): the callback may or may not have landed. Kept for an admin; never called expired or delivered.
         */
        UNCONFIRMED
    }

    @Id
    public UUID id;

    @Column(name = "task_id")
    public UUID taskId;

    @Column(name = "decision_id")
    public UUID decisionId;

    @Column(name = "quarantine_id")
    public UUID quarantineId;

    @Column(name = "execution_arn")
    public String executionArn;

    @Column(name = "token_ciphertext", nullable = false)
    public String tokenCiphertext;

    /** What the sealed token is bound to (V7); null only for rows queued before it and carrying a v1 value. */
    @Column(name = "token_hash")
    public String tokenHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "output_json")
    public String outputJson;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "error_cause")
    public String errorCause;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_error")
    public String lastError;

    /** Who holds the lease: written at claim time and required by every result write. */
    @Column(name = "claim_token")
    public UUID claimToken;

    /** The marker in the callback's output or cause that finds it in the execution history; null on old rows. */
    @Column(name = "delivery_id")
    public UUID deliveryId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
