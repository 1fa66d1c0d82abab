package dev.signoff.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.decision.DecisionView;
import dev.signoff.review.ApprovalProgress;
import dev.signoff.review.Approver;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** JSON shapes of the review API. They list their fields on purpose: nothing here can carry a task token. */
final class ReviewApiViews {

    private ReviewApiViews() {}

    record TaskDetail(
            UUID id,
            String title,
            TaskStatus status,
            String statusReason,
            String executionArn,
            String stateMachineArn,
            String stateName,
            String requestedBy,
            Instant receivedAt,
            Instant dueAt,
            Instant timeoutAt,
            Instant expiresAt,
            String summary,
            List<Finding> findings,
            List<Artifact> artifacts,
            JsonNode proposedOutput,
            JsonNode outputSchema,
            List<String> decisions,
            Map<String, String> metadata,
            List<String> assignees,
            boolean canDecide,
            String cannotDecide,
            DecisionView decision,
            UUID supersedes,
            UUID supersededBy,
            String onExpiry,
            Approvals approvals) {}

    /** An N-of-M policy and where it stands: the approvals that count now, each with the group it fills. */
    record Approvals(
            int required,
            List<String> distinctGroups,
            int count,
            List<Approver> approvals,
            List<String> missingGroups,
            boolean met) {
        static Approvals of(ApprovalProgress p) {
            return new Approvals(
                    p.required(), p.distinctGroups(), p.count(), p.approvals(), p.missingGroups(), p.met());
        }
    }

    /** The answer to an approval the policy still waits beyond (202). */
    record Waiting(String status, Approvals approvals) {
        Waiting(Approvals approvals) {
            this("waiting_for_approvals", approvals);
        }
    }

    record Finding(String title, String severity, String detail, List<String> artifactRefs) {}

    record Artifact(int index, String label, String contentType, Long sizeBytes, String href) {}

    record DecisionBody(String decision, String comment, String reasonCode, JsonNode output, String idempotencyKey) {}

    static TaskDetail detail(TaskPageView view, ReviewTask task) {
        ReviewRequest r = view.request();
        List<ReviewRequest.Artifact> artifacts = r.artifacts();
        return new TaskDetail(
                task.id,
                task.title,
                task.status(),
                task.statusReason(),
                task.executionArn,
                task.stateMachineArn,
                task.stateName,
                task.requestedBy,
                task.receivedAt,
                task.dueAt,
                task.timeoutAt,
                task.expiresAt,
                r.summary().orElse(null),
                r.findings().stream()
                        .map(f -> new Finding(
                                f.title(), f.severity().wireName(), f.detail().orElse(null), f.artifactRefs()))
                        .toList(),
                java.util.stream.IntStream.range(0, artifacts.size())
                        .mapToObj(i -> new Artifact(
                                i,
                                artifacts.get(i).label(),
                                artifacts.get(i).contentType().orElse(null),
                                artifacts.get(i).sizeBytes().orElse(null),
                                "/tasks/" + task.id + "/artifacts/" + i))
                        .toList(),
                r.proposedOutput().orElse(null),
                r.outputSchema().orElse(null),
                r.decisions().stream().map(Outcome::wireName).sorted().toList(),
                r.metadata(),
                view.assignees(),
                view.canDecide(),
                view.cannotDecide().orElse(null),
                view.decision().orElse(null),
                view.redrive().supersedes().orElse(null),
                view.redrive().supersededBy().orElse(null),
                view.expiry().policy().map(p -> p.wireName()).orElse(null),
                view.approvals().map(Approvals::of).orElse(null));
    }
}
