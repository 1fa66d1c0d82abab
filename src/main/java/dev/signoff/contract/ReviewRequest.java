package dev.signoff.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A valid review-request/v1 message, as {@link ReviewRequestParser} builds it; optional fields are empty rather
 * than null, lists and maps are unmodifiable and never null. {@link #toString()} leaves the task token out.
 */
public record ReviewRequest(
        String taskToken,
        String executionArn,
        Optional<String> stateMachineArn,
        Optional<String> stateName,
        Optional<Instant> enteredAt,
        Optional<Integer> redriveCount,
        String title,
        Optional<String> summary,
        List<Finding> findings,
        List<Artifact> artifacts,
        Optional<JsonNode> proposedOutput,
        Optional<JsonNode> outputSchema,
        Assignees assignees,
        Optional<String> requestedBy,
        Optional<Instant> dueAt,
        Optional<Instant> timeoutAt,
        Optional<Instant> expiresAt,
        Optional<ExpiryPolicy> onExpiry,
        Optional<Integer> heartbeatSeconds,
        Set<Outcome> decisions,
        Map<String, String> metadata,
        Optional<Approval> approval) {

    /** The contract version this record represents. */
    public String version() {
        return Limits.VERSION;
    }

    /** The same request with other assignees (the default route's, for a request that named none). */
    public ReviewRequest withAssignees(Assignees routed) {
        return new ReviewRequest(
                taskToken,
                executionArn,
                stateMachineArn,
                stateName,
                enteredAt,
                redriveCount,
                title,
                summary,
                findings,
                artifacts,
                proposedOutput,
                outputSchema,
                routed,
                requestedBy,
                dueAt,
                timeoutAt,
                expiresAt,
                onExpiry,
                heartbeatSeconds,
                decisions,
                metadata,
                approval);
    }

    /** SHA-256 hex of the task token: the idempotency key of the task, safe to log and store. */
    public String tokenHash() {
        return TaskTokens.tokenHash(taskToken);
    }

    @Override
    public String toString() {
        return "ReviewRequest[tokenHash=" + TaskTokens.logId(taskToken) + ", executionArn=" + executionArn
                + ", stateName=" + stateName.orElse("") + ", title=" + title + ", findings=" + findings.size()
                + ", artifacts=" + artifacts.size() + ", assignees=" + assignees + ", decisions=" + decisions + "]";
    }

    /** One agent finding. {@code artifactRefs} are labels of entries in {@link #artifacts()}. */
    public record Finding(String title, Severity severity, Optional<String> detail, List<String> artifactRefs) {}

    /** An S3 object the reviewer can open; {@code label} is unique within the request. */
    public record Artifact(
            String bucket, String key, String label, Optional<String> contentType, Optional<Long> sizeBytes) {
        public String uri() {
            return "s3://" + bucket + "/" + key;
        }
    }

    /**
     * Who may decide: {@code groups} and {@code users}, of which a request that names assignees fills at least one;
     * {@link #NONE} for a request without {@code assignees}, which intake routes to the default groups or refuses.
     * {@code excludeUsers} never decide, even when a group of theirs is assigned (matched like {@code users}).
     */
    public record Assignees(List<String> groups, List<String> users, List<String> excludeUsers) {

        public static final Assignees NONE = new Assignees(List.of(), List.of(), List.of());

        public Assignees(List<String> groups, List<String> users) {
            this(groups, users, List.of());
        }

        /** Whether the request named anyone to decide (else only a default route gives the task assignees). */
        public boolean named() {
            return !groups.isEmpty() || !users.isEmpty();
        }
    }

    /**
     * The N-of-M policy: {@code required} approvals by different people decide an approval, and among them at least
     * one approver from each of {@code distinctGroups} (each person counts for one group). Absent: one approval
     * decides. A reject or request_changes always decides at once.
     */
    public record Approval(int required, List<String> distinctGroups) {
        public Approval {
            distinctGroups = List.copyOf(distinctGroups);
        }
    }

    /** How many approvals decide this review: the policy's {@code required}, else one. */
    public int approvalsRequired() {
        return approval.map(Approval::required).orElse(1);
    }

    public enum Severity {
        INFO,
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Severity> fromWire(String value) {
            return Arrays.stream(values())
                    .filter(s -> s.wireName().equals(value))
                    .findFirst();
        }
    }

    /** What happens when nobody decided by {@code expiresAt}. Never an approval. */
    public enum ExpiryPolicy {
        /** Close the review and fail the execution with Signoff.Expired. */
        FAIL,
        /** Once: reassign to the configured escalation groups with a new window; at its end, fail. */
        ESCALATE,
        /** Keep waiting (and accepting a decision) until Step Functions' own timeout; tell people it is late. */
        NOTIFY;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<ExpiryPolicy> fromWire(String value) {
            return Arrays.stream(values())
                    .filter(p -> p.wireName().equals(value))
                    .findFirst();
        }
    }

    public enum Outcome {
        APPROVE,
        REJECT,
        REQUEST_CHANGES;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Outcome> fromWire(String value) {
            return Arrays.stream(values())
                    .filter(o -> o.wireName().equals(value))
                    .findFirst();
        }
    }
}
