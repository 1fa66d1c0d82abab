package dev.signoff.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ReviewRequest.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a reviewer decided, as input to {@link CallbackPayload#build}.
 *
 * @param output for APPROVE the output to send (the proposed one, or the reviewer's edit); null sends JSON null.
 *     Ignored for REJECT and REQUEST_CHANGES.
 * @param edited true when {@code output} is the reviewer's edit rather than the agent's proposal
 * @param comment optional free text, null when none
 * @param reasonCode optional machine-readable reason chosen by the reviewer, null when none
 * @param approvals for an APPROVE under an N-of-M policy, every approval that counted, the deciding one last; empty
 *     otherwise (the callback then lists the reviewer as the one approver)
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
        String decisionId,
        List<Approval> approvals) {

    /** A decision without an N-of-M policy: one reviewer decides. */
    public ReviewerDecision(
            Outcome outcome,
            JsonNode output,
            boolean edited,
            String comment,
            String reasonCode,
            Reviewer reviewer,
            Instant decidedAt,
            String taskId,
            String decisionId) {
        this(outcome, output, edited, comment, reasonCode, reviewer, decidedAt, taskId, decisionId, List.of());
    }

    /** The same decision, listing the approvals that met its policy. */
    public ReviewerDecision withApprovals(List<Approval> counted) {
        return new ReviewerDecision(
                outcome, output, edited, comment, reasonCode, reviewer, decidedAt, taskId, decisionId, counted);
    }

    public ReviewerDecision {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(decisionId, "decisionId");
    }

    /**
     * One approval as the success output lists it.
     *
     * @param group the policy's distinct group it counted for; null when none
     */
    public record Approval(String id, String name, Instant approvedAt, String group) {
        public Approval {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(approvedAt, "approvedAt");
        }
    }

    /**
     * The person who decided.
     *
     * @param id the name {@code assignees.users} knows them by (the subject when their token had no such name)
     * @param name display only, may be null
     * @param email display only, may be null
     * @param issuer the identity provider that signed them in; null for a local (sandbox) user
     * @param subject with {@code issuer}, who they are for good
     */
    public record Reviewer(String id, String name, String email, String issuer, String subject) {
        public Reviewer {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(subject, "subject");
        }

        /** A reviewer known only by one id (a local user): it is the subject too, and there is no issuer. */
        public Reviewer(String id, String name, String email) {
            this(id, name, email, null, id);
        }
    }
}
