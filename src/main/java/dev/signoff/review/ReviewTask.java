package dev.signoff.review;

import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.ExpiryPolicy;
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

    // Status and the fields that change with it are written only by TaskLifecycle (conditional updates); the rest of
    // the app reads them through the accessors below.
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    TaskStatus status;

    @Column(name = "status_reason")
    String statusReason;

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
    Instant lastHeartbeatAt;

    @Column(name = "next_heartbeat_at")
    Instant nextHeartbeatAt;

    @Column(name = "decided_at")
    Instant decidedAt;

    // What DescribeExecution last said about the execution, and when: written only by ExecutionChecks.
    @Column(name = "execution_status")
    String executionStatus;

    @Column(name = "execution_checked_at")
    Instant executionCheckedAt;

    @Column(name = "closed_at")
    Instant closedAt;

    // The claim ("I'm on it") is written only by TaskClaims, and ended by an escalation (TaskExpiry).
    @Column(name = "claimed_by")
    String claimedBy;

    @Column(name = "claimed_by_name")
    String claimedByName;

    @Column(name = "claimed_at")
    Instant claimedAt;

    @Column(name = "claim_active_at")
    Instant claimActiveAt;

    // For the inbox's severity filter and search; derived from the request at intake (TaskSearch).
    @Column(name = "highest_severity")
    Short highestSeverity;

    @Column(name = "search_text")
    String searchText;

    // $$.Execution.RedriveCount when the request was sent, if the state machine passed it.
    @Column(name = "redrive_count")
    Integer redriveCount;

    // Links between the reviews of one execution and state across a redrive; written only by TaskRedrives.
    @Column(name = "supersedes")
    UUID supersedes;

    @Column(name = "superseded_by")
    UUID supersededBy;

    // What happens at expiresAt (ReviewRequest.ExpiryPolicy), fixed when the task is stored; see TaskExpiry.
    @Column(name = "on_expiry")
    @Enumerated(EnumType.STRING)
    ExpiryPolicy onExpiry;

    @Column(name = "escalated_at")
    Instant escalatedAt;

    // When the upkeep round next deals with the review window; null once it has (TaskExpiry).
    @Column(name = "expiry_check_at")
    Instant expiryCheckAt;

    // The request's approval.required (null: one approval decides) and how many approvals count now: written by
    // TaskLifecycle.approve, read by the inbox.
    @Column(name = "approvals_required")
    Integer approvalsRequired;

    @Column(name = "approvals_count", nullable = false)
    int approvalsCount;

    @Version
    long version;

    static ReviewTask fromRequest(
            ReviewRequest request,
            String requestJson,
            String tokenHash,
            String sealedToken,
            Instant receivedAt,
            ExpiryPolicy defaultOnExpiry) {
        ReviewTask task = new ReviewTask();
        task.id = UUID.randomUUID();
        task.tokenHash = tokenHash;
        task.tokenCiphertext = sealedToken;
        task.executionArn = request.executionArn();
        task.stateMachineArn = request.stateMachineArn().orElse(null);
        task.stateName = request.stateName().orElse(null);
        task.title = request.title();
        task.requestJson = requestJson;
        task.requestedBy = request.requestedBy().orElse(null);
        task.status = TaskStatus.PENDING;
        task.enteredAt = request.enteredAt().orElse(null);
        task.redriveCount = request.redriveCount().orElse(null);
        task.receivedAt = receivedAt;
        task.dueAt = request.dueAt().orElse(null);
        task.timeoutAt = request.timeoutAt().orElse(null);
        task.expiresAt = request.expiresAt().orElse(null);
        task.onExpiry = task.expiresAt == null ? null : request.onExpiry().orElse(defaultOnExpiry);
        task.expiryCheckAt = task.expiresAt;
        task.heartbeatSeconds = request.heartbeatSeconds().orElse(null);
        // The first heartbeat goes out at once: Signoff cannot know how long the request waited on the queue.
        task.nextHeartbeatAt = task.heartbeatSeconds == null ? null : receivedAt;
        task.highestSeverity = (short) TaskSearch.highestSeverity(request);
        task.searchText = TaskSearch.text(request);
        task.approvalsRequired =
                request.approval().map(ReviewRequest.Approval::required).orElse(null);
        return task;
    }

    /** Heartbeats go out at a third of HeartbeatSeconds, so one lost or late heartbeat never ends the wait. */
    static Instant nextHeartbeat(Instant sent, int heartbeatSeconds) {
        return sent.plusSeconds(heartbeatInterval(heartbeatSeconds));
    }

    /**
     * The heartbeat after the first comes early by up to half an interval, an amount fixed by the task's id. Tasks
     * taken in in one burst all send their first heartbeat at once (Signoff cannot know how long a request waited on
     * the queue, so the first one is never put off) and would otherwise stay in step for good, every round sending
     * the whole burst. Early is always safe; after it each heartbeat follows a full interval later, so the burst stays
     * spread over half an interval.
     */
    static Instant secondHeartbeat(UUID taskId, Instant sent, int heartbeatSeconds) {
        long interval = heartbeatInterval(heartbeatSeconds) * 1000L;
        long early = Math.floorMod(taskId.getLeastSignificantBits() ^ taskId.getMostSignificantBits(), interval / 2);
        return sent.plusMillis(interval - early);
    }

    private static long heartbeatInterval(int heartbeatSeconds) {
        return Math.max(1, heartbeatSeconds / 3);
    }

    public TaskStatus status() {
        return status;
    }

    public String statusReason() {
        return statusReason;
    }

    public Instant lastHeartbeatAt() {
        return lastHeartbeatAt;
    }

    /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE or DOES_NOT_EXIST; null: never checked. */
    public String executionStatus() {
        return executionStatus;
    }

    public Instant executionCheckedAt() {
        return executionCheckedAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public String claimedBy() {
        return claimedBy;
    }

    public String claimedByName() {
        return claimedByName;
    }

    public Instant claimedAt() {
        return claimedAt;
    }

    public Instant claimActiveAt() {
        return claimActiveAt;
    }

    public Optional<ExpiryPolicy> onExpiry() {
        return Optional.ofNullable(onExpiry);
    }

    public Optional<Instant> escalatedAt() {
        return Optional.ofNullable(escalatedAt);
    }

    public Optional<UUID> supersedes() {
        return Optional.ofNullable(supersedes);
    }

    public Optional<UUID> supersededBy() {
        return Optional.ofNullable(supersededBy);
    }
}
