package dev.signoff.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ReviewRequest.Outcome;
import java.time.Instant;
import java.util.Objects;

/**
 * What a reviewer decided, as input to {@link CallbackPayload#build}.
 *
 * @param output for APPROVE the output to send (the proposed one, or the reviewer's edit); null sends JSON null.
 *     Ignored for REJECT and REQUEST_CHANGES.
 * @param edited true when {@code output} is the reviewer's edit rather than the agent's proposal
 * @param comment optional free text, null when none
 * @param reasonCode optional machine-readable reason chosen by the reviewer, null when none
 */
public record ReviewerDecision(
        Outcome outcome,
        JsonNode output,
        boolean edited,
        String comment,
        String reasonCode,
        Reviewer reviewer,
        Instant decidedAt,
        String taskId,
        String decisionId) {

    public ReviewerDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(decisionId, "decisionId");
    }

    /** The person who decided; {@code name} and {@code email} may be null when the identity provider has none. */
    public record Reviewer(String id, String name, String email) {
        public Reviewer {
            Objects.requireNonNull(id, "id");
        }
    }
}
