package dev.signoff.notify;

import dev.signoff.contract.ReviewRequest;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
import dev.signoff.review.TaskSummary;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * What a notification says about a task: read from the task when the notice is sent, so a mail shows the task as it
 * is then. Holds nothing secret: no task token, no decision link.
 */
public record TaskBrief(
        UUID id,
        String title,
        String summary,
        String workflow,
        String stateName,
        String requestedBy,
        TaskStatus status,
        Instant receivedAt,
        Instant dueAt,
        Instant timeoutAt,
        Instant expiresAt,
        List<Finding> topFindings,
        int findingCount,
        String link) {

    /** A finding as a mail lists it. */
    public record Finding(String severity, String title) {

        public String label() {
            return severity.toUpperCase(java.util.Locale.ROOT);
        }

        /** The label's colour in the HTML mail (inline: mail clients drop style sheets). */
        public String color() {
            return switch (severity) {
                case "critical" -> "#a40e26";
                case "high" -> "#bc4c00";
                case "medium" -> "#9a6700";
                default -> "#57606a";
            };
        }
    }

    /** Findings the mail does not list. */
    public int moreFindings() {
        return findingCount - topFindings.size();
    }

    static TaskBrief of(ReviewTask task, ReviewRequest request, String baseUrl, int topFindings) {
        List<Finding> findings = request.findings().stream()
                .sorted(Comparator.comparing(ReviewRequest.Finding::severity).reversed())
                .limit(topFindings)
                .map(f -> new Finding(f.severity().wireName(), f.title()))
                .toList();
        return new TaskBrief(
                task.id,
                task.title,
                request.summary().orElse(null),
                TaskSummary.stateMachineName(task.stateMachineArn, task.executionArn),
                task.stateName,
                task.requestedBy,
                task.status(),
                task.receivedAt,
                task.dueAt,
                task.timeoutAt,
                task.expiresAt,
                findings,
                request.findings().size(),
                link(baseUrl, task.id));
    }

    static String link(String baseUrl, UUID taskId) {
        return baseUrl.replaceAll("/+$", "") + "/tasks/" + taskId;
    }

    public boolean waiting() {
        return status == TaskStatus.PENDING;
    }
}
