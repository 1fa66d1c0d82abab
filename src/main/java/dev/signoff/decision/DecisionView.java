package dev.signoff.decision;

import dev.signoff.contract.ReviewRequest.Outcome;
import java.time.Instant;
import java.util.UUID;

/** A recorded decision as reviewers and the API see it. */
public record DecisionView(
        UUID id,
        UUID taskId,
        Outcome outcome,
        String comment,
        String reasonCode,
        boolean edited,
        String reviewerId,
        String reviewerName,
        Instant decidedAt) {

    static DecisionView of(Decision d) {
        return new DecisionView(
                d.id,
                d.taskId,
                Outcome.valueOf(d.outcome),
                d.comment,
                d.reasonCode,
                d.edited,
                d.reviewerId,
                d.reviewerName,
                d.decidedAt);
    }

    public String outcomeLabel() {
        return switch (outcome) {
            case APPROVE -> "Approved";
            case REJECT -> "Rejected";
            case REQUEST_CHANGES -> "Changes requested";
        };
    }
}
