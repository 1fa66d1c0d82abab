package dev.signoff.contract;

import static dev.signoff.contract.Fields.Kind.LINE;
import static dev.signoff.contract.Fields.Kind.OPAQUE;
import static dev.signoff.contract.Fields.Kind.TEXT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.contract.ReviewRequest.Artifact;
import dev.signoff.contract.ReviewRequest.Assignees;
import dev.signoff.contract.ReviewRequest.ExpiryPolicy;
import dev.signoff.contract.ReviewRequest.Outcome;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the top-level fields of a v1 request; nested lists are read by {@link ListReader}. */
final class RequestReader {
    private final Problems problems;
    private final OutputSchemaValidator schemas;

    RequestReader(Problems problems, OutputSchemaValidator schemas) {
        this.problems = problems;
        this.schemas = schemas;
    }

    /** The request, or empty when any problem was found (all of them are then in {@code problems}). */
    Optional<ReviewRequest> read(ObjectNode body) {
        Fields f = new Fields(body, "", problems);
        ListReader lists = new ListReader(problems);
        Optional<String> token = f.text("taskToken", true, Limits.MAX_TOKEN_CHARS, OPAQUE);
        Optional<String> executionArn = arn(
                f,
                "executionArn",
                true,
                Shapes.EXECUTION_ARN,
                "must be a Step Functions execution ARN (arn:aws:states:<region>:<account>:execution:<state machine>:<name>)");
        Optional<String> stateMachineArn = arn(
                f,
                "stateMachineArn",
                false,
                Shapes.STATE_MACHINE_ARN,
                "must be a Step Functions state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>)");
        Optional<String> stateName = f.text("stateName", false, Limits.MAX_STATE_NAME_CHARS, LINE);
        Optional<Instant> enteredAt = f.timestamp("enteredAt");
        Optional<Long> redriveCount = f.integer("redriveCount", 0, Integer.MAX_VALUE);
        Optional<String> title = f.text("title", true, Limits.MAX_TITLE_CHARS, LINE);
        Optional<String> summary = f.text("summary", false, Limits.MAX_MARKDOWN_CHARS, TEXT);
        List<Artifact> artifacts = lists.artifacts(f.array("artifacts", false, Limits.MAX_ARTIFACTS));
        List<ReviewRequest.Finding> findings = lists.findings(f.array("findings", false, Limits.MAX_FINDINGS));
        Optional<JsonNode> proposedOutput = Optional.ofNullable(f.value("proposedOutput", false));
        proposedOutput.ifPresent(output -> {
            String tooDeep = FreeJson.depthProblem(output, "proposedOutput", Limits.MAX_OUTPUT_DEPTH);
            if (tooDeep != null) {
                problems.addFormatted(tooDeep);
            } else {
                FreeJson.check(output, "proposedOutput", problems);
            }
        });
        Optional<JsonNode> outputSchema = outputSchema(f);
        // Optional in the contract: a request without assignees takes the default route, which intake applies (or
        // refuses the request when none is configured). Present, it must name someone.
        Optional<ObjectNode> assigneesObject = f.object("assignees", false);
        Optional<Assignees> assignees = assigneesObject.isEmpty()
                ? Optional.of(Assignees.NONE)
                : assigneesObject.flatMap(a -> lists.assignees(a, f.at("assignees")));
        Optional<String> requestedBy = f.text("requestedBy", false, Limits.MAX_PRINCIPAL_CHARS, LINE);
        Optional<Instant> dueAt = f.timestamp("dueAt");
        Optional<Instant> timeoutAt = f.timestamp("timeoutAt");
        Optional<Instant> expiresAt = f.timestamp("expiresAt");
        Optional<ExpiryPolicy> onExpiry = onExpiry(f, expiresAt);
        Optional<Long> heartbeat =
                f.integer("heartbeatSeconds", Limits.MIN_HEARTBEAT_SECONDS, Limits.MAX_HEARTBEAT_SECONDS);
        Set<Outcome> decisions = decisions(f.array("decisions", false, Outcome.values().length));
        Map<String, String> metadata = metadata(f.object("metadata", false));
        Optional<ReviewRequest.Approval> approval =
                new ApprovalReader(problems).read(f.object("approval", false), f.at("approval"), assignees);
        checkOrder(dueAt, timeoutAt, "dueAt", "must not be after timeoutAt");
        checkOrder(enteredAt, timeoutAt, "timeoutAt", "must not be before enteredAt");
        checkOrder(dueAt, expiresAt, "dueAt", "must not be after expiresAt");
        checkOrder(expiresAt, timeoutAt, "expiresAt", "must not be after timeoutAt");
        checkOrder(enteredAt, expiresAt, "expiresAt", "must not be before enteredAt");
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReviewRequest(
                token.orElseThrow(),
                executionArn.orElseThrow(),
                stateMachineArn,
                stateName,
                enteredAt,
                redriveCount.map(Long::intValue),
                title.orElseThrow(),
                summary,
                findings,
                artifacts,
                proposedOutput,
                outputSchema,
                assignees.orElseThrow(),
                requestedBy,
                dueAt,
                timeoutAt,
                expiresAt,
                onExpiry,
                heartbeat.map(Long::intValue),
                decisions,
                metadata,
                approval));
    }

    private Optional<String> arn(Fields f, String name, boolean required, Pattern pattern, String shape) {
        Optional<String> arn = f.text(name, required, Limits.MAX_ARN_CHARS, LINE);
        if (arn.isPresent() && !pattern.matcher(arn.get()).matches()) {
            problems.add(f.at(name), shape);
            return Optional.empty();
        }
        return arn;
    }

    private Optional<JsonNode> outputSchema(Fields f) {
        Optional<ObjectNode> schema = f.object("outputSchema", false);
        schema.ifPresent(s -> {
            if (FreeJson.check(s, "outputSchema", problems)) {
                schemas.schemaProblems(s).forEach(problems::addFormatted);
            }
        });
        return schema.map(JsonNode.class::cast);
    }

    private Optional<ExpiryPolicy> onExpiry(Fields f, Optional<Instant> expiresAt) {
        Optional<String> wire = f.text("onExpiry", false, 16, LINE);
        if (wire.isEmpty()) {
            return Optional.empty();
        }
        Optional<ExpiryPolicy> policy = ExpiryPolicy.fromWire(wire.get());
        if (policy.isEmpty()) {
            problems.add(f.at("onExpiry"), "must be one of fail, escalate, notify");
        } else if (expiresAt.isEmpty()) {
            problems.add(f.at("onExpiry"), "applies only with expiresAt");
        }
        return policy;
    }

    private Set<Outcome> decisions(Optional<ArrayNode> array) {
        if (array.isEmpty()) {
            return Collections.unmodifiableSet(EnumSet.allOf(Outcome.class));
        }
        if (array.get().isEmpty()) {
            problems.add("decisions", "must list at least one of approve, reject, request_changes");
        }
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        for (int i = 0; i < Math.min(array.get().size(), Outcome.values().length); i++) {
            JsonNode item = array.get().get(i);
            Optional<Outcome> outcome = item.isTextual() ? Outcome.fromWire(item.textValue()) : Optional.empty();
            if (outcome.isPresent()) {
                outcomes.add(outcome.get());
            } else {
                problems.add(Problems.index("decisions", i), "must be one of approve, reject, request_changes");
            }
        }
        return Collections.unmodifiableSet(outcomes);
    }

    private Map<String, String> metadata(Optional<ObjectNode> object) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (object.isEmpty()) {
            return metadata;
        }
        if (object.get().size() > Limits.MAX_METADATA_ENTRIES) {
            problems.add(
                    "metadata",
                    "must have at most " + Limits.MAX_METADATA_ENTRIES + " entries (found "
                            + object.get().size() + ")");
        }
        var entries = object.get().properties().iterator();
        for (int i = 0; i < Limits.MAX_METADATA_ENTRIES && entries.hasNext(); i++) {
            var entry = entries.next();
            String path = Problems.field("metadata", entry.getKey());
            Fields.text(object.get().textNode(entry.getKey()), path, Limits.MAX_METADATA_KEY_CHARS, LINE, problems)
                    .ifPresent(
                            key -> Fields.text(entry.getValue(), path, Limits.MAX_METADATA_VALUE_CHARS, TEXT, problems)
                                    .ifPresent(value -> metadata.put(key, value)));
        }
        return Collections.unmodifiableMap(metadata);
    }

    private void checkOrder(Optional<Instant> earlier, Optional<Instant> later, String path, String message) {
        if (earlier.isPresent() && later.isPresent() && earlier.get().isAfter(later.get())) {
            problems.add(path, message);
        }
    }
}
