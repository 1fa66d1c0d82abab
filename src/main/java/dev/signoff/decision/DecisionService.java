package dev.signoff.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.artifacts.ArtifactException;
import dev.signoff.artifacts.ArtifactRef;
import dev.signoff.artifacts.ArtifactStore;
import dev.signoff.contract.Callback;
import dev.signoff.contract.CallbackPayload;
import dev.signoff.contract.CallbackResult;
import dev.signoff.contract.ContractJson;
import dev.signoff.contract.OutputLocation;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.ExpiryPolicy;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.contract.ReviewerDecision;
import dev.signoff.review.ApprovalProgress;
import dev.signoff.review.DecisionRights;
import dev.signoff.review.ReviewService;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskLifecycle;
import dev.signoff.review.TaskStatus;
import dev.signoff.review.TaskSummary;
import dev.signoff.security.Reviewer;
import dev.signoff.security.SealedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Records a reviewer's decision and queues its callback, in one transaction. The task moves from PENDING to
 * DECIDED by a conditional update, so of two reviewers deciding at once exactly one wins; the loser is told who.
 */
@ApplicationScoped
public class DecisionService {

    private final ReviewService reviews;
    private final CallbackPayload payloads;
    private final Outbox outbox;
    private final TaskLifecycle lifecycle;
    private final Clock clock;
    private final DecisionsConfig config;
    private final ArtifactStore artifacts;
    private final DecisionRights rights;
    private final PolicyApprovals policy;

    DecisionService(
            ReviewService reviews,
            DecisionRights rights,
            PolicyApprovals policy,
            CallbackPayload payloads,
            Outbox outbox,
            TaskLifecycle lifecycle,
            Clock clock,
            DecisionsConfig config,
            ArtifactStore artifacts) {
        this.reviews = reviews;
        this.rights = rights;
        this.policy = policy;
        this.payloads = payloads;
        this.outbox = outbox;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.config = config;
        this.artifacts = artifacts;
    }

    /** The reason codes a reviewer of this workflow picks from; empty when a free-text code is accepted. */
    public List<String> reasonCodesFor(String stateMachineName) {
        return config.reasonCodesFor(stateMachineName);
    }

    /** Whether approved outputs too large for Step Functions are stored in S3 (else they are refused). */
    public boolean storesLargeOutputs() {
        return config.largeOutputBucket().isPresent();
    }

    /**
     * What the workflow would receive if this submission were decided now, checked as {@link #decide} checks it, with
     * nothing recorded or stored. {@code decidedAt} and {@code decisionId} are set anew when it is decided.
     */
    @Transactional
    public DecisionPreview preview(UUID taskId, DecisionCommand command, Reviewer reviewer) {
        ReviewTask task = reviews.visibleTask(taskId, reviewer);
        Optional<Decision> earlier = Decision.forTask(taskId);
        if (earlier.isPresent()) {
            throw conflict(earlier.get());
        }
        Instant now = clock.instant();
        requireOpen(task, reviewer, now);
        ReviewRequest request = reviews.request(task);
        UUID decisionId = UUID.randomUUID();
        Prepared prepared = prepare(task, request, command, reviewer, now, decisionId, List.of());
        PolicyApprovals.Expected expected = PolicyApprovals.applies(request, command)
                ? policy.preview(approving(task, request, command, reviewer, prepared, now), request)
                : PolicyApprovals.Expected.NONE;
        if (!expected.deciding().isEmpty()) {
            prepared = prepare(task, request, command, reviewer, now, decisionId, expected.deciding());
        }
        Callback callback = prepared.callback();
        return new DecisionPreview(
                callback.kind() == Callback.Kind.SUCCESS ? callback.output() : callback.cause(),
                callback.kind() == Callback.Kind.SUCCESS ? null : callback.error(),
                prepared.edited(),
                prepared.location() != null,
                expected.before(),
                expected.voids(),
                expected.decides());
    }

    private static PolicyApprovals.Approving approving(
            ReviewTask task,
            ReviewRequest request,
            DecisionCommand command,
            Reviewer reviewer,
            Prepared prepared,
            Instant now) {
        return new PolicyApprovals.Approving(
                task.id,
                request.approval().orElseThrow(),
                reviewer,
                CallbackReviewers.displayName(reviewer.displayName()),
                prepared.output(),
                keyOf(command),
                blankToNull(command.comment()),
                now);
    }

    /** A checked submission: the callback to queue and, for an output too large to send, what to store first. */
    private record Prepared(JsonNode output, boolean edited, Callback callback, OutputLocation location, byte[] bytes) {
        void store(ArtifactStore artifacts) {
            if (location == null) {
                return;
            }
            try {
                artifacts.write(new ArtifactRef(location.bucket(), location.key()), "application/json", bytes);
            } catch (ArtifactException e) {
                throw invalid("The approved output is too large for Step Functions and could not be stored in S3 ("
                        + e.getMessage() + "). Nothing was recorded; try again in a moment.");
            }
        }
    }

    private Prepared prepare(
            ReviewTask task,
            ReviewRequest request,
            DecisionCommand command,
            Reviewer reviewer,
            Instant now,
            UUID decisionId,
            List<ReviewerDecision.Approval> approved) {
        DecisionRules.check(request, command);
        checkReasonCode(TaskSummary.of(task).stateMachineName(), command.reasonCode());
        JsonNode proposal = request.proposedOutput().orElse(null);
        JsonNode edit = parseEdit(command.editedOutput());
        // An edit that sends what was proposed is no edit: the workflow is not told "edited" for a form left alone.
        boolean edited = edit != null && !sameJson(edit, proposal);
        JsonNode output = edited ? edit : proposal;
        ReviewerDecision input = new ReviewerDecision(
                command.outcome(),
                output,
                edited,
                blankToNull(command.comment()),
                blankToNull(command.reasonCode()),
                CallbackReviewers.of(reviewer),
                now,
                task.id.toString(),
                decisionId.toString(),
                approved);
        OutputLocation location = null;
        byte[] bytes = null;
        CallbackResult result;
        if (payloads.outputTooLarge(input) && config.largeOutputBucket().isPresent()) {
            bytes = OutputLocation.bytesOf(output);
            String key = "signoff/outputs/" + task.id + "/" + decisionId + ".json";
            location = OutputLocation.of(config.largeOutputBucket().get(), key, bytes);
            result = payloads.buildPointing(input, request.outputSchema(), location);
        } else {
            result = payloads.build(input, request.outputSchema());
        }
        if (result instanceof CallbackResult.Refused refused) {
            String hint = payloads.outputTooLarge(input)
                    ? "\nNo bucket for large outputs is configured (signoff.decisions.large-output-bucket), so the"
                            + " output must fit in the callback."
                    : "";
            throw invalid(String.join("\n", refused.messages()) + hint);
        }
        return new Prepared(output, edited, ((CallbackResult.Ready) result).callback(), location, bytes);
    }

    private void checkReasonCode(String stateMachineName, String reasonCode) {
        List<String> codes = config.reasonCodesFor(stateMachineName);
        String code = blankToNull(reasonCode);
        if (code != null && !codes.isEmpty() && !codes.contains(code)) {
            throw invalid(
                    "Reason code \"" + code + "\" is not one this workflow accepts; choose one of " + codes + ".");
        }
    }

    /** Equal as the workflow would read them: numbers by their plain digits (1e2 and 100 alike, 100.10 not 100.1). */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(
                (x, y) -> x.isNumber() && y.isNumber()
                        ? ContractJson.write(x).compareTo(ContractJson.write(y))
                        : x.equals(y) ? 0 : 1,
                b);
    }

    @Transactional
    public Optional<DecisionView> decisionFor(UUID taskId) {
        return Decision.forTask(taskId).map(DecisionView::of);
    }

    /** For a task closed without a decision: the callback that told its workflow, and where it stands. */
    @Transactional
    public Optional<ClosingCallback> closingCallbackFor(ReviewTask task) {
        if (task.status() == TaskStatus.PENDING) {
            return Optional.empty();
        }
        return ClosingCallback.of(task.id, task.tokenHash);
    }

    /**
     * Decides, or under an N-of-M policy records an approval: the one that meets the policy decides, with every
     * counted approval in the callback; until then {@link Submitted#waiting()}. A reject or request_changes decides at
     * once, whatever the approvals so far.
     */
    @Transactional
    public Submitted decide(UUID taskId, DecisionCommand command, Reviewer reviewer) {
        ReviewTask task = reviews.visibleTask(taskId, reviewer);
        Optional<Decision> earlier = Decision.forTask(taskId);
        if (earlier.isPresent()) {
            return Submitted.decided(sameSubmissionOrConflict(earlier.get(), command, reviewer));
        }
        Instant now = clock.instant();
        requireOpen(task, reviewer, now);
        ReviewRequest request = reviews.request(task);
        UUID decisionId = UUID.randomUUID();
        String key = keyOf(command);
        Prepared prepared = prepare(task, request, command, reviewer, now, decisionId, List.of());
        Optional<ApprovalProgress> met = Optional.empty();
        if (PolicyApprovals.applies(request, command)) {
            PolicyApprovals.Counted counted =
                    policy.record(approving(task, request, command.withIdempotencyKey(key), reviewer, prepared, now));
            if (!counted.open()) {
                return Submitted.decided(lostTheRace(taskId, command, reviewer));
            }
            if (counted.deciding().isEmpty()) {
                return Submitted.waiting(counted.progress());
            }
            met = Optional.of(counted.progress());
            prepared = prepare(task, request, command, reviewer, now, decisionId, counted.deciding());
        }
        Callback callback = prepared.callback();
        JsonNode output = prepared.output();

        String comment = blankToNull(command.comment());
        String detail = command.outcome().wireName() + (comment == null ? "" : ": " + comment);
        if (!lifecycle.decide(taskId, reviewer.id(), reviewer.displayName(), detail, now)) {
            return Submitted.decided(lostTheRace(taskId, command, reviewer));
        }
        // Stored only once this decision holds the task, so a lost race leaves nothing in the bucket.
        prepared.store(artifacts);
        Decision decision = new Decision();
        decision.id = decisionId;
        decision.taskId = taskId;
        decision.idempotencyKey = key;
        decision.outcome = command.outcome().name();
        decision.comment = blankToNull(command.comment());
        decision.reasonCode = blankToNull(command.reasonCode());
        decision.outputJson =
                command.outcome() == Outcome.APPROVE && output != null ? ContractJson.write(output) : null;
        decision.edited = prepared.edited();
        decision.reviewerId = reviewer.id();
        decision.reviewerName = CallbackReviewers.displayName(reviewer.displayName());
        decision.reviewerEmail = CallbackReviewers.email(reviewer.email());
        decision.decidedAt = now;
        decision.persist();

        SealedToken token = new SealedToken(task.tokenCiphertext, task.tokenHash);
        if (callback.kind() == Callback.Kind.SUCCESS) {
            outbox.enqueueSuccess(taskId, decisionId, task.executionArn, token, callback.output());
        } else {
            outbox.enqueueFailure(
                    taskId, decisionId, null, task.executionArn, token, callback.error(), callback.cause());
        }
        DecisionView view = DecisionView.of(decision);
        return met.map(progress -> Submitted.decided(view, progress)).orElseGet(() -> Submitted.decided(view));
    }

    private void requireOpen(ReviewTask task, Reviewer reviewer, Instant now) {
        if (task.status() != TaskStatus.PENDING) {
            throw closed(task.status(), task.statusReason());
        }
        if (task.expiresAt != null
                && !now.isBefore(task.expiresAt)
                && !task.onExpiry().equals(Optional.of(ExpiryPolicy.NOTIFY))) {
            throw windowClosed(task.expiresAt);
        }
        Optional<DecisionRights.Refusal> refusal = rights.refusal(task, reviewer);
        if (refusal.isPresent()) {
            DecisionException.Reason reason = switch (refusal.get()) {
                case REQUESTER -> DecisionException.Reason.REQUESTER;
                case EXCLUDED -> DecisionException.Reason.EXCLUDED;
                case NOT_ASSIGNED, ADMIN_NOT_ASSIGNED -> DecisionException.Reason.NOT_ASSIGNED;
            };
            throw new DecisionException(reason, refusal.get().message());
        }
    }

    /**
     * The conditional update found the task no longer open to this decision. Say what actually happened: the same
     * submission already went through (the answer it got), someone else decided, or the review closed.
     */
    private DecisionView lostTheRace(UUID taskId, DecisionCommand command, Reviewer reviewer) {
        Optional<Decision> winner = Decision.forTask(taskId);
        if (winner.isPresent()) {
            return sameSubmissionOrConflict(winner.get(), command, reviewer);
        }
        TaskLifecycle.State state = lifecycle.state(taskId);
        if (state.status() == TaskStatus.PENDING && state.expiresAt() != null) {
            throw windowClosed(state.expiresAt());
        }
        throw closed(state.status(), state.statusReason());
    }

    private static DecisionException closed(TaskStatus status, String reason) {
        return new DecisionException(
                DecisionException.Reason.CLOSED,
                "This review is " + status.name().toLowerCase().replace('_', ' ') + " and no longer accepts a decision"
                        + (reason == null ? "." : ": " + reason));
    }

    private static DecisionException windowClosed(Instant expiresAt) {
        return new DecisionException(
                DecisionException.Reason.CLOSED,
                "The review closed at " + expiresAt + " and no longer accepts a decision; the workflow is told"
                        + " that nobody decided in time.");
    }

    private DecisionView sameSubmissionOrConflict(Decision earlier, DecisionCommand command, Reviewer reviewer) {
        if (earlier.reviewerId.equals(reviewer.id()) && earlier.idempotencyKey.equals(keyOf(command))) {
            return DecisionView.of(earlier);
        }
        throw conflict(earlier);
    }

    private static DecisionException conflict(Decision winner) {
        if (winner == null) {
            return new DecisionException(
                    DecisionException.Reason.ALREADY_DECIDED, "Someone else decided this review a moment ago.");
        }
        DecisionView view = DecisionView.of(winner);
        return new DecisionException(
                DecisionException.Reason.ALREADY_DECIDED,
                winner.reviewerName + " already decided this review ("
                        + view.outcomeLabel().toLowerCase() + ") at " + winner.decidedAt + ".",
                view);
    }

    private static String keyOf(DecisionCommand command) {
        String key = command.idempotencyKey();
        return key == null || key.isBlank() ? UUID.randomUUID().toString() : key.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static JsonNode parseEdit(String editedOutput) {
        if (blankToNull(editedOutput) == null) {
            return null;
        }
        try {
            // The contract's reader: an edited 1208.00 must reach the workflow as 1208.00, not as the double 1208.0.
            return ContractJson.parse(editedOutput);
        } catch (JsonProcessingException e) {
            throw invalid("The edited output is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "). Fix it, or clear it to approve the proposed output.");
        }
    }

    private static DecisionException invalid(String message) {
        return new DecisionException(DecisionException.Reason.INVALID, message);
    }
}
