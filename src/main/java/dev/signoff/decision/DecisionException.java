package dev.signoff.decision;

import java.util.Optional;

/** Why a decision was not recorded, in words a reviewer can act on. */
public class DecisionException extends RuntimeException {

    public enum Reason {
        /** The task is not assigned to this reviewer or their groups (an admin's role does not count). */
        NOT_ASSIGNED,
        /** The request names this reviewer as its {@code requestedBy}: they never decide it. */
        REQUESTER,
        /** The request lists this reviewer in {@code assignees.excludeUsers}. */
        EXCLUDED,
        /** Someone decided first. */
        ALREADY_DECIDED,
        /** This reviewer's approval already counts toward the task's N-of-M policy: nobody counts twice. */
        ALREADY_APPROVED,
        /** The task no longer accepts decisions (expired, cancelled). */
        CLOSED,
        /** The submission itself is not acceptable (missing comment, bad JSON, too large, outcome not allowed). */
        INVALID
    }

    private final Reason reason;
    private final transient DecisionView existing;

    public DecisionException(Reason reason, String message) {
        this(reason, message, null);
    }

    public DecisionException(Reason reason, String message, DecisionView existing) {
        super(message);
        this.reason = reason;
        this.existing = existing;
    }

    public Reason reason() {
        return reason;
    }

    /** The decision that won, when {@link Reason#ALREADY_DECIDED}. */
    public Optional<DecisionView> existing() {
        return Optional.ofNullable(existing);
    }
}
