package dev.signoff.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.audit.AuditEvent;
import dev.signoff.contract.ContractJson;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.ExpiryPolicy;
import dev.signoff.contract.ReviewRequest.Finding;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.contract.ReviewRequest.Severity;
import dev.signoff.decision.ClosingCallback;
import dev.signoff.decision.DecisionView;
import dev.signoff.notify.Notification;
import dev.signoff.review.ApprovalProgress;
import dev.signoff.review.Claim;
import dev.signoff.review.TaskComment;
import dev.signoff.review.TaskSummary;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Everything the task page shows. {@code form} echoes a rejected submission so the reviewer loses nothing;
 * {@code panel} is the proposed output and decision panel; {@code activity} who is on it and what colleagues said;
 * {@code closingCallback} how the workflow of a task closed without a decision was told; {@code admin} the Admin
 * section, for admins only; {@code approvals} where an N-of-M approval policy stands (empty without one).
 */
public record TaskPageView(
        TaskSummary task,
        ReviewRequest request,
        Optional<DecisionView> decision,
        List<String> assignees,
        List<AuditEvent> history,
        boolean canDecide,
        String idempotencyKey,
        Optional<String> error,
        Map<String, String> form,
        DecisionPanelView panel,
        TaskActivity activity,
        RedriveLinks redrive,
        ExpiryView expiry,
        Optional<ClosingCallback> closingCallback,
        Optional<TaskAdminView> admin,
        Optional<ApprovalProgress> approvals,
        List<NoticeLine> notices) {

    /**
     * One notification about the task, as the page lists it: what (kind, channel), to whom, how it went and when.
     *
     * @param reason the server's refusal or last error; shown to admins only
     */
    public record NoticeLine(String kind, String channel, String recipient, String status, Instant at, String reason) {

        static NoticeLine of(Notification n) {
            Instant at = n.status == Notification.Status.SENT && n.sentAt != null
                    ? n.sentAt
                    : n.status == Notification.Status.PENDING && n.attempts == 0 ? n.createdAt : n.nextAttemptAt;
            return new NoticeLine(
                    n.kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    n.channel == Notification.Channel.EMAIL
                            ? "mail"
                            : n.channel.name().toLowerCase(java.util.Locale.ROOT),
                    n.recipient,
                    n.status.name(),
                    at,
                    n.lastError);
        }

        /** The status in words, with its time's meaning. */
        public String state() {
            return switch (status) {
                case "SENT" -> "sent";
                case "PENDING" -> reason == null ? "to be sent" : "not sent yet, next try";
                case "REFUSED" -> "refused";
                case "FAILED" -> "gave up";
                case "SKIPPED" -> "not sent (nothing to say any more)";
                default -> status.toLowerCase(java.util.Locale.ROOT);
            };
        }

        public boolean undelivered() {
            return "REFUSED".equals(status) || "FAILED".equals(status);
        }
    }

    /** What happens at the review window's end (review/TaskExpiry), in words for the page. */
    public record ExpiryView(Optional<ExpiryPolicy> policy, boolean escalated, boolean passed) {
        public String then() {
            return switch (policy.orElse(ExpiryPolicy.FAIL)) {
                case FAIL -> "then Signoff.Expired tells the workflow nobody decided";
                case ESCALATE ->
                    escalated
                            ? "escalated once already; then Signoff.Expired tells the workflow nobody decided"
                            : "then it is escalated once, with a new window";
                case NOTIFY ->
                    passed
                            ? "passed; the review still waits and takes a decision"
                            : "then it keeps waiting and still takes a decision";
            };
        }
    }

    /** The reviews of the same execution and state before and after a redrive (review/TaskRedrives). */
    public record RedriveLinks(Optional<UUID> supersedes, Optional<UUID> supersededBy) {}

    /**
     * Who is on the task and what colleagues said, and whether this reviewer may join in: {@code canAct} comment
     * (and, as an admin, release a claim), {@code canClaim} say "I'm on it" (never the requester or an excluded user).
     */
    public record TaskActivity(
            Instant now,
            Optional<Claim> claim,
            List<TaskComment> comments,
            boolean canAct,
            boolean canClaim,
            boolean isAdmin,
            String me) {

        public boolean claimedByMe() {
            return claim.map(c -> c.heldBy(me)).orElse(false);
        }

        public boolean claimedByOther() {
            return claim.isPresent() && !claimedByMe();
        }
    }

    /** Findings of one severity, most severe group first. */
    public record FindingGroup(Severity severity, List<Finding> findings) {}

    /** Why this reviewer cannot decide the waiting task (separation of duties, not assigned); empty when they can. */
    public Optional<String> cannotDecide() {
        return canDecide || !task.status().isOpen() || !"not-assigned".equals(panel.mode())
                ? Optional.empty()
                : Optional.ofNullable(panel.readOnlyReason());
    }

    public String proposedOutputJson() {
        return request.proposedOutput().map(TaskPageView::pretty).orElse("");
    }

    public boolean allows(String outcome) {
        return Outcome.fromWire(outcome).map(request.decisions()::contains).orElse(false);
    }

    public String formValue(String name) {
        return form.getOrDefault(name, "");
    }

    public boolean chosen(String outcome) {
        return outcome.equals(form.get("decision"));
    }

    public List<FindingGroup> findingGroups() {
        return Arrays.stream(Severity.values())
                .sorted(Comparator.reverseOrder())
                .map(s -> new FindingGroup(
                        s,
                        request.findings().stream()
                                .filter(f -> f.severity() == s)
                                .toList()))
                .filter(g -> !g.findings().isEmpty())
                .toList();
    }

    /** The index of the artifact a finding cites by label; -1 when the request has none with that label. */
    public int artifactIndex(String label) {
        return IntStream.range(0, request.artifacts().size())
                .filter(i -> request.artifacts().get(i).label().equals(label))
                .findFirst()
                .orElse(-1);
    }

    public Optional<String> executionConsoleUrl() {
        return ConsoleLinks.execution(request.executionArn());
    }

    /** How long Step Functions keeps waiting for this task's callback, from now; empty without a timeoutAt. */
    public Optional<String> timeLeft() {
        return Optional.ofNullable(task.timeoutAt()).map(t -> Durations.until(activity.now(), t));
    }

    /** Whether a notification about the task was refused or given up: the page opens the list then. */
    public boolean anyUndelivered() {
        return notices.stream().anyMatch(NoticeLine::undelivered);
    }

    public boolean overdue() {
        return task.dueAt() != null && task.status().isOpen() && task.dueAt().isBefore(activity.now());
    }

    static String pretty(JsonNode node) {
        return ContractJson.writePretty(node);
    }
}
