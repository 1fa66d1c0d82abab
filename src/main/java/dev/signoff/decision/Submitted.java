package dev.signoff.decision;

import dev.signoff.review.ApprovalProgress;
import java.util.Optional;

/**
 * What a submission came to: a decision (its callback queued), or, under an N-of-M policy, an approval recorded
 * while the policy still waits for others ({@code decision} empty).
 *
 * @param approvals where the policy stands after this submission; empty for a task without one
 */
public record Submitted(Optional<DecisionView> decision, Optional<ApprovalProgress> approvals) {

    static Submitted decided(DecisionView decision) {
        return new Submitted(Optional.of(decision), Optional.empty());
    }

    static Submitted decided(DecisionView decision, ApprovalProgress approvals) {
        return new Submitted(Optional.of(decision), Optional.of(approvals));
    }

    static Submitted waiting(ApprovalProgress approvals) {
        return new Submitted(Optional.empty(), Optional.of(approvals));
    }

    /** An approval was recorded and the review waits for more. */
    public boolean waiting() {
        return decision.isEmpty();
    }
}
