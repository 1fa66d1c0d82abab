package dev.signoff.decision;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The callback of a task closed without a decision (Signoff.Expired, or Signoff.Cancelled from an admin) and where it
 * stands, for the task page: the task's status says it closed, this says whether the workflow was told.
 */
public record ClosingCallback(String error, OutboxEntry.Status status, Instant deliveredAt) {

    /**
     * The newest such callback of the task; empty when it closed without telling anyone (the execution ended). Read
     * by the task's token hash, which ix_outbox_token serves.
     */
    static Optional<ClosingCallback> of(UUID taskId, String tokenHash) {
        return OutboxEntry.<OutboxEntry>find(
                        "tokenHash = ?1 and taskId = ?2 and decisionId is null order by createdAt desc",
                        tokenHash,
                        taskId)
                .firstResultOptional()
                .map(e -> new ClosingCallback(e.errorCode, e.status, e.deliveredAt));
    }

    /** The delivery state in the words (and CSS state) of a decision's delivery line. */
    public String state() {
        return switch (status) {
            case PENDING -> "pending";
            case DELIVERED -> "delivered";
            case EXPIRED -> "expired";
            case FAILED, UNCONFIRMED -> "failed";
        };
    }

    public String label() {
        return switch (status) {
            case PENDING -> "Pending: sending " + error + " to the workflow…";
            case DELIVERED -> "Delivered: the workflow received " + error + ".";
            case EXPIRED -> "Expired: Step Functions no longer waited for " + error + ".";
            case FAILED -> "Failed: " + error + " could not be delivered; an admin can see why.";
            case UNCONFIRMED -> "Unconfirmed: " + error + " may not have landed; an admin checks the execution.";
        };
    }
}
