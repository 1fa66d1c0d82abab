package dev.signoff.decision;

/**
 * What the workflow would receive for a submission: the callback's output (approve) or cause (reject, request
 * changes) as built for sending, without the {@code deliveryId} the outbox adds.
 *
 * @param error the failure's error name, null for an approval
 * @param storedInS3 the output is too large to send and would be stored, the callback carrying its location
 * @param approvals under an N-of-M policy, where it stands before this submission; empty without a policy
 * @param voidsApprovals how many approvals this one would void: it approves another output than theirs (an edit)
 * @param decides whether confirming decides the review (false: an approval that leaves the policy unmet)
 */
public record DecisionPreview(
        String json,
        String error,
        boolean edited,
        boolean storedInS3,
        java.util.Optional<dev.signoff.review.ApprovalProgress> approvals,
        int voidsApprovals,
        boolean decides) {}
