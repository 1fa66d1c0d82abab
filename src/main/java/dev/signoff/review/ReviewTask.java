package dev.signoff.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A durable review request. The task token itself is only kept sealed ({@link #tokenCiphertext}); the request
 * as received, minus the token, is kept in {@link #requestJson} for display.
 */
@Entity
@Table(name = "review_task")
public class ReviewTask extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "token_hash", nullable = false, updatable = false)
    public String tokenHash;

    @Column(name = "token_ciphertext", nullable = false)
    public String tokenCiphertext;

    @Column(name = "execution_arn", nullable = false)
    public String executionArn;

    @Column(name = "state_machine_arn")
    public String stateMachineArn;

    @Column(name = "state_name")
    public String stateName;

    @Column(nullable = false)
    public String title;

    @Column(name = "request_json", nullable = false)
    public String requestJson;

    @Column(name = "requested_by")
    public String requestedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TaskStatus status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "entered_at")
    public Instant enteredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "timeout_at")
    public Instant timeoutAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "heartbeat_seconds")
    public Integer heartbeatSeconds;

    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Version
    public long version;

    /**
     * Closes a task without a decision, only if it is still PENDING: of a reviewer deciding and an expiry or an
     * execution's end at the same moment, exactly one wins. False means something else closed it first.
     */
    public static boolean closeIfPending(UUID id, TaskStatus status, String reason, Instant at) {
        return update(
                        "status = ?1, statusReason = ?2, closedAt = ?3, version = version + 1 where id = ?4 and status = ?5",
                        status,
                        reason,
                        at,
                        id,
                        TaskStatus.PENDING)
                == 1;
    }

    public static Optional<ReviewTask> byTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResultOptional();
    }
}
