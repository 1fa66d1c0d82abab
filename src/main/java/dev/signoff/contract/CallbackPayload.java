package dev.signoff.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.contract.ReviewRequest.Outcome;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds what Step Functions receives for a decision (docs/contract.md, "Callbacks"). Call it before recording the
 * decision: a {@link CallbackResult.Refused} tells the reviewer what to change. Every key is always present (null when
 * empty) so that state machine paths such as {@code $.comment} never fail.
 */
@Singleton
public class CallbackPayload {
    public static final String REJECTED = "Signoff.Rejected";
    public static final String CHANGES_REQUESTED = "Signoff.ChangesRequested";
    public static final String INVALID_REQUEST = "Signoff.InvalidRequest";
    public static final String EXPIRED = "Signoff.Expired";
    public static final String CANCELLED = "Signoff.Cancelled";

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final OutputSchemaValidator schemas;

    public CallbackPayload() {
        this(new OutputSchemaValidator());
    }

    @Inject
    public CallbackPayload(OutputSchemaValidator schemas) {
        this.schemas = schemas;
    }

    /**
     * @param outputSchema the request's outputSchema; an approved output must satisfy it, edited or not
     */
    public CallbackResult build(ReviewerDecision decision, Optional<JsonNode> outputSchema) {
        return build(decision, outputSchema, null);
    }

    /**
     * As {@link #build(ReviewerDecision, Optional)}, for an approval whose output is stored at {@code location}
     * instead of sent: {@code "output"} is null and {@code "outputLocation"} says where it is (docs/contract.md). The
     * output is still checked against the schema.
     */
    public CallbackResult buildPointing(
            ReviewerDecision decision, Optional<JsonNode> outputSchema, OutputLocation location) {
        return build(decision, outputSchema, java.util.Objects.requireNonNull(location, "location"));
    }

    /** Whether this approval's callback would be over Step Functions' output limit with its output inline. */
    public boolean outputTooLarge(ReviewerDecision decision) {
        if (decision.outcome() != Outcome.APPROVE) {
            return false;
        }
        JsonNode output = decision.output() == null ? NullNode.getInstance() : decision.output();
        String json = ContractJson.write(body(decision, "approved", output, null));
        return ContractJson.utf8Length(json) + Limits.DELIVERY_ID_CHARS > Limits.MAX_OUTPUT_BYTES;
    }

    private CallbackResult build(ReviewerDecision decision, Optional<JsonNode> outputSchema, OutputLocation stored) {
        if (decision.outcome() == Outcome.APPROVE) {
            JsonNode output = decision.output() == null ? NullNode.getInstance() : decision.output();
            if (outputSchema.isPresent()) {
                List<String> problems = schemas.outputProblems(outputSchema.get(), output);
                if (!problems.isEmpty()) {
                    List<String> messages = new ArrayList<>();
                    messages.add(
                            "The output does not match the schema the workflow expects. Fix it and approve again:");
                    messages.addAll(problems);
                    return new CallbackResult.Refused(messages);
                }
            }
            Callback callback = Callback.success(ContractJson.write(body(decision, "approved", output, stored)));
            long commentBytes = decision.comment() == null ? 0 : ContractJson.utf8Length(decision.comment());
            String culprit = commentBytes > ContractJson.utf8Length(ContractJson.write(output)) ? "comment" : "output";
            return checked(callback, culprit);
        }
        String error = decision.outcome() == Outcome.REJECT ? REJECTED : CHANGES_REQUESTED;
        String wire = decision.outcome() == Outcome.REJECT ? "rejected" : "changes_requested";
        return checked(Callback.failure(error, ContractJson.write(body(decision, wire, null, null))), "comment");
    }

    /**
     * The failure for a request that {@link ReviewRequestParser} found invalid but whose token it could read. The
     * cause is {@code {"problems":[...]}}, shortened from the end to fit Step Functions' cause limit.
     */
    public Callback invalidRequest(List<String> problems) {
        return invalidRequest(problems, null);
    }

    /**
     * As {@link #invalidRequest(List)}, with {@code "quarantineId"} naming where Signoff keeps the message: operators
     * find it by that id, and Signoff finds its own callback in the execution history by it.
     */
    public Callback invalidRequest(List<String> problems, String quarantineId) {
        List<String> shown = new ArrayList<>(problems);
        while (true) {
            ObjectNode cause = ContractJson.object();
            if (quarantineId != null) {
                cause.put("quarantineId", quarantineId);
            }
            var list = cause.putArray("problems");
            shown.forEach(list::add);
            int hidden = problems.size() - shown.size();
            if (hidden > 0) {
                list.add("...: and " + hidden + " more problem" + (hidden == 1 ? "" : "s") + " not listed");
            }
            String json = ContractJson.write(cause);
            if (json.length() + Limits.DELIVERY_ID_CHARS <= Limits.MAX_CAUSE_CHARS || shown.isEmpty()) {
                return Callback.failure(INVALID_REQUEST, json);
            }
            shown.remove(shown.size() - 1);
        }
    }

    /**
     * The failure Signoff sends when a review reached its {@code expiresAt} without a decision. The cause has the
     * same {@code decision} key as a reviewer's rejection, so one Pass state can read either.
     */
    public Callback expired(String taskId, Instant expiresAt, Instant expiredAt) {
        ObjectNode cause = ContractJson.object();
        cause.put("decision", "expired");
        cause.put("expiresAt", TIMESTAMP.format(expiresAt));
        cause.put("expiredAt", TIMESTAMP.format(expiredAt));
        cause.put("taskId", taskId);
        return Callback.failure(EXPIRED, ContractJson.write(cause));
    }

    /**
     * The failure Signoff sends when an admin cancels a waiting review. Shaped like {@link #expired}: the same {@code
     * decision} key, and {@code cancelledBy} shaped like a decision's {@code reviewer}. The reason is the admin's,
     * shortened from the end when it would push the cause past Step Functions' limit.
     */
    public Callback cancelled(
            String taskId, String reason, ReviewerDecision.Reviewer cancelledBy, Instant cancelledAt) {
        String shown = reason;
        while (true) {
            ObjectNode cause = ContractJson.object();
            cause.put("decision", "cancelled");
            cause.put("reason", shown);
            ObjectNode by = cause.putObject("cancelledBy");
            by.put("id", cancelledBy.id());
            by.put("name", cancelledBy.name());
            by.put("email", cancelledBy.email());
            by.put("issuer", cancelledBy.issuer());
            by.put("subject", cancelledBy.subject());
            cause.put("cancelledAt", TIMESTAMP.format(cancelledAt));
            cause.put("taskId", taskId);
            String json = ContractJson.write(cause);
            int over = json.length() + Limits.DELIVERY_ID_CHARS - Limits.MAX_CAUSE_CHARS;
            if (over <= 0 || shown.length() <= 1) {
                return Callback.failure(CANCELLED, json);
            }
            shown = shown.substring(0, Math.max(0, shown.length() - over - 1)) + "…";
        }
    }

    /**
     * The callback JSON (an output or a cause: always a non-empty object) with {@code "deliveryId"} added as its last
     * key. The outbox adds it when it queues a callback: a random id nobody sees before Step Functions has it, so
     * finding it in that key of a TaskSucceeded output or TaskFailed cause proves the callback landed. Inserted as
     * text, so the rest stays byte for byte as built (and as checked against the limits).
     */
    public static String withDeliveryId(String callbackJson, java.util.UUID deliveryId) {
        String json = callbackJson.strip();
        if (!json.startsWith("{")
                || !json.endsWith("}")
                || json.substring(1, json.length() - 1).isBlank()) {
            throw new IllegalArgumentException("a callback is a non-empty JSON object");
        }
        return json.substring(0, json.length() - 1) + ",\"deliveryId\":\"" + deliveryId + "\"}";
    }

    /**
     * The text under top-level {@code key} (such as {@code "deliveryId"}) of a callback's output or cause, if it is a
     * JSON object that has it. Only that key counts: the same text in a comment or an output field is not a match.
     */
    public static Optional<String> idIn(String callbackJson, String key) {
        if (callbackJson == null) {
            return Optional.empty();
        }
        try {
            JsonNode id = ContractJson.MAPPER.readTree(callbackJson).path(key);
            return id.isTextual() ? Optional.of(id.textValue()) : Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode body(
            ReviewerDecision decision, String wireDecision, JsonNode output, OutputLocation stored) {
        ObjectNode body = ContractJson.object();
        body.put("decision", wireDecision);
        if (output != null) {
            body.set("output", stored == null ? output : NullNode.getInstance());
            body.put("edited", decision.edited());
        }
        if (stored != null) {
            ObjectNode location = body.putObject("outputLocation");
            location.put("bucket", stored.bucket());
            location.put("key", stored.key());
            location.put("sizeBytes", stored.sizeBytes());
            location.put("sha256", stored.sha256());
            location.put("contentType", "application/json");
        }
        body.put("comment", decision.comment());
        body.put("reasonCode", decision.reasonCode());
        ObjectNode reviewer = body.putObject("reviewer");
        reviewer.put("id", decision.reviewer().id());
        reviewer.put("name", decision.reviewer().name());
        reviewer.put("email", decision.reviewer().email());
        reviewer.put("issuer", decision.reviewer().issuer());
        reviewer.put("subject", decision.reviewer().subject());
        body.put("decidedAt", TIMESTAMP.format(decision.decidedAt()));
        if (output != null) {
            approvals(body, decision);
        }
        body.put("taskId", decision.taskId());
        body.put("decisionId", decision.decisionId());
        return body;
    }

    /** Every approver: those of an N-of-M policy, else the one reviewer who approved (docs/contract.md). */
    private static void approvals(ObjectNode body, ReviewerDecision decision) {
        var list = body.putArray("approvals");
        List<ReviewerDecision.Approval> approvals = decision.approvals().isEmpty()
                ? List.of(new ReviewerDecision.Approval(
                        decision.reviewer().id(), decision.reviewer().name(), decision.decidedAt(), null))
                : decision.approvals();
        for (ReviewerDecision.Approval approval : approvals) {
            ObjectNode entry = list.addObject();
            entry.put("id", approval.id());
            entry.put("name", approval.name());
            entry.put("approvedAt", TIMESTAMP.format(approval.approvedAt()));
            entry.put("group", approval.group());
        }
    }

    private static CallbackResult checked(Callback callback, String culprit) {
        return CallbackLimits.problem(callback, culprit)
                .<CallbackResult>map(problem -> new CallbackResult.Refused(List.of(problem)))
                .orElseGet(() -> new CallbackResult.Ready(callback));
    }
}
