package dev.signoff.review;

/**
 * Where a review task stands. PENDING -> DECIDED -> DELIVERED is the happy path; the others end it early.
 * Only PENDING accepts a decision.
 */
public enum TaskStatus {
    /** Waiting for a reviewer. */
    PENDING,
    /** A reviewer decided; the callback is queued in the outbox. */
    DECIDED,
    /** Step Functions accepted the callback; the execution has moved on. */
    DELIVERED,
    /**
     * Closed without a decision: Step Functions no longer waits for this token (timed out, closed, unknown), or
     * nobody decided by the request's expiresAt and Signoff failed the execution with Signoff.Expired.
     */
    EXPIRED,
    /** Withdrawn before anyone decided (the execution was stopped). */
    CANCELLED,
    /** The callback could not be delivered after all retries, or Step Functions refused it for good. */
    DELIVERY_FAILED,
    /**
     * Step Functions' answer to the callback was ambiguous and its execution history could not settle whether it
     * landed: an admin checks the execution (docs/operations.md). Never called delivered or expired.
     */
    DELIVERY_UNCONFIRMED;

    public String label() {
        return switch (this) {
            case PENDING -> "Waiting for review";
            case DECIDED -> "Decided, sending to workflow";
            case DELIVERED -> "Decided, workflow resumed";
            case EXPIRED -> "Expired";
            case CANCELLED -> "Cancelled";
            case DELIVERY_FAILED -> "Delivery failed";
            case DELIVERY_UNCONFIRMED -> "Delivery unconfirmed, needs an admin";
        };
    }

    public boolean isOpen() {
        return this == PENDING;
    }
}
