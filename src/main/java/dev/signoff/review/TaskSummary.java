package dev.signoff.review;

import dev.signoff.contract.ReviewRequest;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of an inbox: what the list shows of a task, read without its request.
 *
 * @param highestSeverity the wire name of the most severe finding; null without findings
 * @param claimedBy display name of who holds an active claim on it; null when nobody does
 * @param claimedAt since when they hold it
 * @param approvalsRequired the approvals its policy requires (N of N-of-M); null without a policy (one decides)
 * @param approvalsCount the approvals that count so far
 */
public record TaskSummary(
        UUID id,
        String title,
        TaskStatus status,
        String statusReason,
        String requestedBy,
        String stateMachineName,
        Instant receivedAt,
        Instant dueAt,
        Instant timeoutAt,
        Instant expiresAt,
        Instant decidedAt,
        Instant closedAt,
        String highestSeverity,
        String claimedBy,
        Instant claimedAt,
        Integer approvalsRequired,
        int approvalsCount) {

    public static TaskSummary of(ReviewTask task) {
        return new TaskSummary(
                task.id,
                task.title,
                task.status,
                task.statusReason,
                task.requestedBy,
                stateMachineName(task.stateMachineArn, task.executionArn),
                task.receivedAt,
                task.dueAt,
                task.timeoutAt,
                task.expiresAt,
                task.decidedAt,
                task.closedAt,
                severityName(task.highestSeverity),
                task.claimedByName,
                task.claimedAt,
                task.approvalsRequired,
                task.approvalsCount);
    }

    /** "1/2" for a task with an approval policy; null without one. */
    public String approvalProgress() {
        return approvalsRequired == null ? null : approvalsCount + "/" + approvalsRequired;
    }

    /** The wire name of a severity rank (1 = info .. 5 = critical); null for 0 (no findings) or unknown. */
    static String severityName(Number rank) {
        ReviewRequest.Severity[] all = ReviewRequest.Severity.values();
        return rank == null || rank.intValue() < 1 || rank.intValue() > all.length
                ? null
                : all[rank.intValue() - 1].wireName();
    }

    /** arn:aws:states:region:account:stateMachine:NAME, or the name inside an execution ARN. */
    public static String stateMachineName(String stateMachineArn, String executionArn) {
        String[] sm = stateMachineArn == null ? new String[0] : stateMachineArn.split(":");
        if (sm.length >= 7) {
            return sm[6];
        }
        String[] ex = executionArn == null ? new String[0] : executionArn.split(":");
        return ex.length >= 8 ? ex[6] : null;
    }
}
