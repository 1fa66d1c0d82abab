package dev.signoff.admin;

import java.time.Duration;

/**
 * One workflow's figures over an analytics window, or all workflows' together.
 *
 * @param requests review requests received in the window
 * @param approved decisions made in the window, by outcome (approve, reject, request changes)
 * @param edited approvals whose output the reviewer edited before sending it
 * @param medianToDecision time from the task's arrival to its decision, p50 over the window's decisions; null when none
 * @param p95ToDecision the same, p95
 * @param closed tasks that left the review in the window: decided, expired or cancelled
 * @param expired of those, closed without a decision because the review window or Step Functions' timeout passed
 * @param cancelled of those, withdrawn because the execution ended first
 */
public record WorkflowFigures(
        String workflow,
        long requests,
        long approved,
        long rejected,
        long changesRequested,
        long edited,
        Duration medianToDecision,
        Duration p95ToDecision,
        long closed,
        long expired,
        long cancelled) {

    public long decisions() {
        return approved + rejected + changesRequested;
    }

    /** Approvals the reviewer corrected: a high share means the agent's proposals need work. */
    public Share overrideRate() {
        return new Share(edited, approved);
    }

    public Share expiryRate() {
        return new Share(expired, closed);
    }

    public Share cancelRate() {
        return new Share(cancelled, closed);
    }

    public Share approvedShare() {
        return new Share(approved, decisions());
    }

    public Share rejectedShare() {
        return new Share(rejected, decisions());
    }

    public Share changesShare() {
        return new Share(changesRequested, decisions());
    }
}
