package dev.signoff.decision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.contract.ReviewerDecision;
import dev.signoff.review.ApprovalProgress;
import dev.signoff.review.Approver;
import dev.signoff.review.TaskApprovals;
import dev.signoff.security.Reviewer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The N-of-M side of deciding ({@link DecisionService}): an approval of a task with an approval policy is recorded
 * through {@link TaskApprovals}, and only the one that meets the policy goes on to decide, its callback listing every
 * counted approver.
 */
@ApplicationScoped
class PolicyApprovals {

    /** Who approves which output, as {@link DecisionService} has checked and prepared it. */
    record Approving(
            UUID taskId,
            ReviewRequest.Approval policy,
            Reviewer reviewer,
            String reviewerName,
            JsonNode output,
            String idempotencyKey,
            String comment,
            Instant at) {}

    /** What confirming would come to: where it stands now, how many approvals it voids, and whether it decides. */
    record Expected(Optional<ApprovalProgress> before, int voids, List<ReviewerDecision.Approval> deciding) {
        static final Expected NONE = new Expected(Optional.empty(), 0, List.of());

        boolean decides() {
            return before.isEmpty() || !deciding.isEmpty();
        }
    }

    /** What recording came to: the approvals that decide (empty while the policy waits), or that the task closed. */
    record Counted(boolean open, ApprovalProgress progress, List<ReviewerDecision.Approval> deciding) {}

    private final TaskApprovals approvals;

    PolicyApprovals(TaskApprovals approvals) {
        this.approvals = approvals;
    }

    static boolean applies(ReviewRequest request, DecisionCommand command) {
        return command.outcome() == Outcome.APPROVE && request.approval().isPresent();
    }

    Expected preview(Approving a, ReviewRequest request) {
        TaskApprovals.Preview next = approvals.preview(submission(a));
        ApprovalProgress before = approvals.progress(a.taskId(), request).orElseThrow();
        if (next.already().isPresent()) {
            throw alreadyApproved(next.already().get(), before);
        }
        return new Expected(Optional.of(before), next.voids(), next.after().met() ? listed(next.after()) : List.of());
    }

    /** Records the approval; a second one by the same person is refused unless it is the same submission again. */
    Counted record(Approving a) {
        TaskApprovals.Recorded recorded = approvals.approve(submission(a));
        if (recorded instanceof TaskApprovals.Recorded.NotOpen) {
            return new Counted(false, null, List.of());
        }
        if (recorded instanceof TaskApprovals.Recorded.AlreadyApproved already) {
            if (already.sameSubmission()) {
                return new Counted(true, already.progress(), List.of());
            }
            throw alreadyApproved(already.earlier(), already.progress());
        }
        ApprovalProgress progress = ((TaskApprovals.Recorded.Counted) recorded).progress();
        return new Counted(true, progress, progress.met() ? listed(progress) : List.of());
    }

    private static TaskApprovals.Submission submission(Approving a) {
        return new TaskApprovals.Submission(
                a.taskId(),
                a.policy(),
                a.reviewer(),
                a.reviewerName(),
                a.output(),
                a.idempotencyKey(),
                a.comment(),
                a.at());
    }

    /** The approvals as the success output lists them. */
    private static List<ReviewerDecision.Approval> listed(ApprovalProgress progress) {
        return progress.approvals().stream()
                .map(a -> new ReviewerDecision.Approval(a.reviewerId(), a.reviewerName(), a.approvedAt(), a.group()))
                .toList();
    }

    private static DecisionException alreadyApproved(Approver earlier, ApprovalProgress progress) {
        String waiting = progress.waitingFor();
        return new DecisionException(
                DecisionException.Reason.ALREADY_APPROVED,
                "You already approved this review at " + earlier.approvedAt() + " (" + progress.label() + ")"
                        + (waiting.isEmpty() ? "" : "; still needed: " + waiting)
                        + ". The same person never counts twice.");
    }
}
