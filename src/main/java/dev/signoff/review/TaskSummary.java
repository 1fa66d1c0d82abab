package dev.signoff.review;

import java.time.Instant;
import java.util.UUID;

/** One line of an inbox: what the list shows of a task, read without its request. */
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
        Instant closedAt) {

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
                task.closedAt);
    }

    /** arn:aws:states:region:account:stateMachine:NAME, or the name inside an execution ARN. */
    static String stateMachineName(String stateMachineArn, String executionArn) {
        String[] sm = stateMachineArn == null ? new String[0] : stateMachineArn.split(":");
        if (sm.length >= 7) {
            return sm[6];
        }
        String[] ex = executionArn == null ? new String[0] : executionArn.split(":");
        return ex.length >= 8 ? ex[6] : null;
    }
}
