package dev.signoff.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.audit.AuditLog;
import dev.signoff.contract.ContractJson;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.security.Reviewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * N-of-M approvals: the one writer of {@link Approval} rows. An approval is recorded under the task's row lock
 * ({@link TaskLifecycle#holdForApproval}), so approvers arriving together are counted one after the other and exactly
 * one of them sees the policy met. Only approvals of one output count together: an approval of another output (an
 * edit after the first approval) voids the others and the count starts again from it.
 */
@ApplicationScoped
public class TaskApprovals {

    /** What recording an approval came to. */
    public sealed interface Recorded {
        /** Counted; {@code voided} earlier approvals of another output no longer count. */
        record Counted(ApprovalProgress progress, int voided) implements Recorded {}

        /** This person's approval already counts (from an earlier submission); nothing changed. */
        record AlreadyApproved(Approver earlier, ApprovalProgress progress, boolean sameSubmission)
                implements Recorded {}

        /** The task no longer accepts decisions (decided, closed, or its window closed). */
        record NotOpen() implements Recorded {}
    }

    /** One approval to record: who approves which output (null: JSON null), with the submission's key and comment. */
    public record Submission(
            UUID taskId,
            ReviewRequest.Approval policy,
            Reviewer reviewer,
            String reviewerName,
            JsonNode output,
            String idempotencyKey,
            String comment,
            Instant at) {}

    private final TaskLifecycle lifecycle;
    private final AuditLog audit;

    TaskApprovals(TaskLifecycle lifecycle, AuditLog audit) {
        this.lifecycle = lifecycle;
        this.audit = audit;
    }

    /** Where the task stands; empty for a task without an approval policy (one approval decides). */
    @Transactional
    public Optional<ApprovalProgress> progress(UUID taskId, ReviewRequest request) {
        return request.approval().map(policy -> recount(policy, Approval.ofTask(taskId)));
    }

    /**
     * What {@link #approve} would come to, recording nothing: where the policy would stand after this approval
     * ({@code after.met()}: it decides), how many approvals it would void, or that this person already approved.
     */
    public record Preview(Optional<Approver> already, ApprovalProgress after, int voids) {}

    @Transactional
    public Preview preview(Submission s) {
        List<Approval> rows = Approval.ofTask(s.taskId());
        Optional<Approver> already = rows.stream()
                .filter(Approval::counts)
                .filter(a -> a.reviewerId.equals(s.reviewer().id()))
                .map(Approval::approver)
                .findFirst();
        String hash = ContractJson.canonicalSha256(s.output());
        List<Approval> kept = new ArrayList<>();
        int voids = 0;
        for (Approval a : rows) {
            if (a.counts()
                    && a.outputSha256.equals(hash)
                    && !a.reviewerId.equals(s.reviewer().id())) {
                kept.add(a);
            } else if (a.counts() && !a.outputSha256.equals(hash)) {
                voids++;
            }
        }
        Approval mine = new Approval();
        mine.reviewerId = s.reviewer().id();
        mine.reviewerName = s.reviewerName();
        mine.approvedAt = s.at();
        mine.eligibleGroups = eligible(s);
        kept.add(mine);
        return new Preview(already, recount(s.policy(), kept), voids);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Recorded approve(Submission s) {
        if (!lifecycle.holdForApproval(s.taskId(), s.at())) {
            return new Recorded.NotOpen();
        }
        List<Approval> rows = new ArrayList<>(Approval.ofTask(s.taskId()));
        Optional<Approval> mine = rows.stream()
                .filter(a -> a.reviewerId.equals(s.reviewer().id()))
                .findFirst();
        if (mine.filter(Approval::counts).isPresent()) {
            Approval earlier = mine.get();
            return new Recorded.AlreadyApproved(
                    earlier.approver(), recount(s.policy(), rows), earlier.idempotencyKey.equals(s.idempotencyKey()));
        }
        String hash = ContractJson.canonicalSha256(s.output());
        List<Approval> voided = rows.stream()
                .filter(Approval::counts)
                .filter(a -> !a.outputSha256.equals(hash))
                .toList();
        voided.forEach(a -> {
            a.supersededAt = s.at();
            a.countedGroup = null;
        });
        if (!voided.isEmpty()) {
            audit.record(
                    s.reviewer().id(),
                    s.reviewerName(),
                    s.taskId(),
                    "APPROVALS_RESTARTED",
                    "approved another output than "
                            + String.join(
                                    ", ",
                                    voided.stream().map(Approval::shownName).toList())
                            + ": their approval" + (voided.size() == 1 ? " no longer counts" : "s no longer count"));
        }
        Approval row = mine.orElseGet(() -> newRow(s, rows));
        row.reviewerName = s.reviewerName();
        row.idempotencyKey = s.idempotencyKey();
        row.outputSha256 = hash;
        row.outputJson = s.output() == null ? null : ContractJson.write(s.output());
        row.eligibleGroups = eligible(s);
        row.approvedAt = s.at();
        row.supersededAt = null;
        if (mine.isEmpty()) {
            // Persisted once filled in: the insert takes the row as it is now.
            row.persist();
        }
        ApprovalProgress progress = recount(s.policy(), rows);
        rows.stream()
                .filter(Approval::counts)
                .forEach(a -> a.countedGroup =
                        progress.approvalOf(a.reviewerId).map(Approver::group).orElse(null));
        String detail = "approve (" + progress.label() + (progress.met() ? ": policy met" : "") + ")"
                + (row.countedGroup == null ? "" : " for group " + row.countedGroup)
                + (s.comment() == null ? "" : ": " + s.comment());
        lifecycle.approve(s.taskId(), s.reviewer().id(), s.reviewerName(), progress.count(), detail);
        return new Recorded.Counted(progress, voided.size());
    }

    /** The policy's groups the approver is in now: what they can count for (kept with the approval). */
    private static String eligible(Submission s) {
        return String.join(
                "\n",
                s.policy().distinctGroups().stream()
                        .filter(s.reviewer().groups()::contains)
                        .toList());
    }

    private static Approval newRow(Submission s, List<Approval> rows) {
        Approval row = new Approval();
        row.id = UUID.randomUUID();
        row.taskId = s.taskId();
        row.reviewerId = s.reviewer().id();
        rows.add(row);
        return row;
    }

    /** The approvals that count, with the group each fills as of now. Reads only: a page view changes nothing. */
    private static ApprovalProgress recount(ReviewRequest.Approval policy, List<Approval> rows) {
        List<Approval> counting = rows.stream()
                .filter(Approval::counts)
                .sorted(java.util.Comparator.comparing((Approval a) -> a.approvedAt))
                .toList();
        ApprovalCount.Result result = ApprovalCount.of(
                policy,
                counting.stream()
                        .map(a -> new ApprovalCount.Vote(a.reviewerId, a.groups()))
                        .toList());
        return new ApprovalProgress(
                policy.required(),
                policy.distinctGroups(),
                counting.stream()
                        .map(a -> new Approver(
                                a.reviewerId,
                                a.reviewerName,
                                a.approvedAt,
                                result.groupOf().get(a.reviewerId)))
                        .toList(),
                result.missingGroups(),
                result.met(),
                counting.stream().findFirst().map(a -> a.outputJson));
    }
}
