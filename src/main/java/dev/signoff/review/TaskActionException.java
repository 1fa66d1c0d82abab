package dev.signoff.review;

/** A claim, release or comment that was refused, in words the reviewer can act on. */
public class TaskActionException extends RuntimeException {

    public enum Reason {
        /** The reviewer may see the task but is neither assigned nor an admin. */
        NOT_ASSIGNED,
        /** The requester or an excluded user, who never decide the task and so never claim it. */
        NOT_ALLOWED,
        /** Someone else holds an active claim, and taking it over needs an admin. */
        HELD_BY_OTHER,
        /** The task no longer waits for a decision. */
        CLOSED,
        /** Releasing a claim the reviewer does not hold. */
        NOT_HELD,
        /** The submission itself is not acceptable (an empty or oversized comment). */
        INVALID
    }

    private final Reason reason;

    public TaskActionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
