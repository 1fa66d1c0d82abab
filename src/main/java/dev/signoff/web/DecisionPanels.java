package dev.signoff.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ContractJson;
import dev.signoff.contract.OutputSchemaValidator;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.decision.DecisionCommand;
import dev.signoff.decision.DecisionException;
import dev.signoff.decision.DecisionPreview;
import dev.signoff.decision.DecisionService;
import dev.signoff.decision.DecisionView;
import dev.signoff.review.ApprovalProgress;
import dev.signoff.review.TaskStatus;
import dev.signoff.review.TaskSummary;
import dev.signoff.security.Reviewer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decision panel's steps: edit (schema form or JSON editor, re-rendered for array add/remove), review (a confirm
 * view of exactly what the workflow will receive, recording nothing), confirm (the decision). Every step is a plain
 * form POST; the fields travel with each step, so going back to edit loses nothing.
 */
@ApplicationScoped
class DecisionPanels {

    /** A submitted step's answer: decided (303 to the task page), or the panel to show with this status. */
    record Step(boolean decided, int status, DecisionPanelView panel) {}

    private static final int LONG_OUTPUT_LINES = 40;

    private final DecisionService decisions;
    private final OutputSchemaValidator schemas;

    DecisionPanels(DecisionService decisions, OutputSchemaValidator schemas) {
        this.decisions = decisions;
        this.schemas = schemas;
    }

    /** The panel; {@code whyNot} says why this reviewer cannot decide the open task (null: the default words). */
    DecisionPanelView show(
            TaskSummary task,
            ReviewRequest request,
            Optional<DecisionView> decision,
            boolean canDecide,
            String whyNot,
            String key,
            Optional<ApprovalProgress> approvals) {
        return show(task, request, decision, canDecide, whyNot, key, null, approvals);
    }

    private DecisionPanelView show(
            TaskSummary task,
            ReviewRequest request,
            Optional<DecisionView> decision,
            boolean canDecide,
            String whyNot,
            String key,
            String error,
            Optional<ApprovalProgress> approvals) {
        if (decision.isPresent()) {
            return base(task, request, "decided", null, Map.of(), decision, error);
        }
        if (task.status() == TaskStatus.EXPIRED || task.status() == TaskStatus.CANCELLED) {
            String why = (task.status() == TaskStatus.EXPIRED
                            ? "This review expired without a decision"
                            : "This review was cancelled before anyone decided")
                    + (task.statusReason() == null ? "." : ": " + task.statusReason())
                    + " Nothing can be decided any more.";
            return base(task, request, "closed", why, Map.of(), decision, error);
        }
        if (!canDecide) {
            return base(
                    task,
                    request,
                    task.status().isOpen() ? "not-assigned" : "closed",
                    task.status().isOpen()
                            ? whyNot
                            : "This review is " + task.status().label().toLowerCase() + ".",
                    Map.of(),
                    decision,
                    error);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("idempotencyKey", key);
        // Under an N-of-M policy the next approver starts from the output the others approved (maybe edited), so
        // approving it unchanged counts with theirs.
        JsonNode proposal = approvals
                .filter(p -> p.count() > 0)
                .flatMap(ApprovalProgress::outputJson)
                .map(DecisionPanels::parsed)
                .orElse(request.proposedOutput().orElse(null));
        if (proposal != null) {
            Optional<SchemaForm.Field> form = form(request);
            if (form.isPresent()) {
                fields.putAll(FormJson.values(form.get(), proposal));
            } else {
                fields.put("output", ContractJson.writePretty(proposal));
            }
        }
        return edit(task, request, fields, Checked.NONE, error);
    }

    Step submit(
            TaskSummary task,
            ReviewRequest request,
            boolean canDecide,
            String whyNot,
            Map<String, String> posted,
            Reviewer reviewer,
            Optional<ApprovalProgress> approvals) {
        Map<String, String> fields = new LinkedHashMap<>(posted);
        String step = Optional.ofNullable(fields.remove("step")).orElse("review");
        if (!canDecide && !step.equals("review") && !step.equals("confirm")) {
            return new Step(
                    false,
                    200,
                    show(task, request, decisions.decisionFor(task.id()), false, whyNot, null, null, approvals));
        }
        Optional<SchemaForm.Field> form = form(request);
        if (step.startsWith("add:") && form.isPresent()) {
            return new Step(
                    false, 200, edit(task, request, FormJson.addItem(fields, step.substring(4)), Checked.NONE, null));
        }
        if (step.startsWith("remove:") && form.isPresent()) {
            String item = step.substring(7);
            int slash = item.lastIndexOf('/');
            int index = slash < 0 ? -1 : parseIndex(item.substring(slash + 1));
            Map<String, String> next =
                    index < 0 ? fields : FormJson.removeItem(fields, item.substring(0, slash), index);
            return new Step(false, 200, edit(task, request, next, Checked.NONE, null));
        }
        if (!step.equals("review") && !step.equals("confirm")) {
            return new Step(false, 200, edit(task, request, fields, Checked.NONE, null));
        }
        Checked checked = check(request, form, fields);
        if (!checked.ok()) {
            return new Step(
                    false,
                    422,
                    edit(
                            task,
                            request,
                            fields,
                            checked,
                            "The edited output has problems; each is shown next to its field. Nothing was recorded."));
        }
        Outcome outcome = Outcome.fromWire(fields.getOrDefault("decision", "")).orElse(null);
        DecisionCommand command = new DecisionCommand(
                outcome, fields.get("comment"), fields.get("reasonCode"), checked.json(), fields.get("idempotencyKey"));
        try {
            if (step.equals("confirm")) {
                decisions.decide(task.id(), command, reviewer);
                return new Step(true, 303, null);
            }
            DecisionPreview preview = decisions.preview(task.id(), command, reviewer);
            List<JsonDiff.Change> diff = checked.value() == null
                    ? List.of()
                    : JsonDiff.between(request.proposedOutput().orElse(null), checked.value());
            DecisionPanelView base = base(task, request, "confirm", null, fields, Optional.empty(), null);
            return new Step(false, 200, withPreview(base, preview, diff));
        } catch (DecisionException e) {
            int status = ErrorResponses.statusOf(e);
            if (e.reason() == DecisionException.Reason.ALREADY_DECIDED
                    || e.reason() == DecisionException.Reason.CLOSED
                    || e.reason() == DecisionException.Reason.NOT_ASSIGNED
                    || e.reason() == DecisionException.Reason.REQUESTER
                    || e.reason() == DecisionException.Reason.EXCLUDED
                    || e.reason() == DecisionException.Reason.ALREADY_APPROVED) {
                Optional<DecisionView> now = decisions.decisionFor(task.id());
                return new Step(
                        false,
                        status,
                        show(task, request, now, false, e.getMessage(), null, e.getMessage(), approvals));
            }
            return new Step(false, status, edit(task, request, fields, checked, e.getMessage()));
        }
    }

    /** The edit the reviewer made: its JSON (null for none), and what stops it being sent. */
    record Checked(
            JsonNode value, String json, Map<String, String> fieldErrors, String jsonError, List<String> outputErrors) {
        static final Checked NONE = new Checked(null, null, Map.of(), null, List.of());

        boolean ok() {
            return fieldErrors.isEmpty() && jsonError == null && outputErrors.isEmpty();
        }
    }

    private Checked check(ReviewRequest request, Optional<SchemaForm.Field> form, Map<String, String> fields) {
        JsonNode proposal = request.proposedOutput().orElse(null);
        if (proposal == null || !"approve".equals(fields.get("decision"))) {
            return Checked.NONE;
        }
        JsonNode value;
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        List<String> outputErrors = new ArrayList<>();
        if (form.isPresent()) {
            FormJson.Converted converted = FormJson.toJson(form.get(), fields, proposal);
            if (!converted.errors().isEmpty()) {
                return new Checked(null, null, converted.errors(), null, List.of());
            }
            value = converted.value();
            Set<String> pointers = FormRows.pointers(FormRows.of(form.get(), fields, Map.of()));
            for (var v : schemas.violations(request.outputSchema().orElseThrow(), value)) {
                String at = v.pointer();
                while (!at.isEmpty() && !pointers.contains(at)) {
                    at = at.substring(0, at.lastIndexOf('/'));
                }
                if (at.isEmpty()) {
                    outputErrors.add(v.message());
                } else {
                    fieldErrors.merge(at, v.message(), (a, b) -> a + " " + b);
                }
            }
        } else {
            String text = fields.getOrDefault("output", "");
            if (text.isBlank()) {
                return Checked.NONE;
            }
            try {
                value = ContractJson.parse(text);
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null
                        ? ""
                        : " at line " + e.getLocation().getLineNr() + ", column "
                                + e.getLocation().getColumnNr();
                return new Checked(
                        null,
                        null,
                        Map.of(),
                        "This is not valid JSON" + where + ": " + e.getOriginalMessage(),
                        List.of());
            }
            if (request.outputSchema().isPresent()) {
                if (schemas.schemaProblems(request.outputSchema().get()).isEmpty()) {
                    schemas.violations(request.outputSchema().get(), value)
                            .forEach(v -> outputErrors.add(
                                    (v.pointer().isEmpty() ? "(the whole output)" : v.pointer()) + ": " + v.message()));
                }
            }
        }
        return new Checked(value, ContractJson.write(value), fieldErrors, null, outputErrors);
    }

    private DecisionPanelView edit(
            TaskSummary task, ReviewRequest request, Map<String, String> fields, Checked checked, String error) {
        DecisionPanelView base = base(task, request, "edit", null, fields, Optional.empty(), error);
        Optional<SchemaForm.Field> form = form(request);
        List<FormRows.Row> rows = form.isPresent() && request.proposedOutput().isPresent()
                ? FormRows.of(form.get(), fields, checked.fieldErrors())
                : List.of();
        return new DecisionPanelView(
                base.taskId(),
                base.mode(),
                null,
                base.proposedOutputJson(),
                base.longOutput(),
                base.hasProposal(),
                base.hasSchema(),
                base.outcomes(),
                fields,
                base.reasonCodes(),
                fields.getOrDefault("idempotencyKey", ""),
                rows,
                fallbackReason(request),
                checked.jsonError(),
                checked.outputErrors(),
                error,
                List.of(),
                null,
                null,
                false,
                false,
                base.largeOutputsStored(),
                Optional.empty(),
                null,
                0,
                true);
    }

    private static DecisionPanelView withPreview(
            DecisionPanelView base, DecisionPreview preview, List<JsonDiff.Change> diff) {
        String pretty;
        try {
            pretty = ContractJson.writePretty(ContractJson.parse(preview.json()));
        } catch (JsonProcessingException e) {
            pretty = preview.json();
        }
        return new DecisionPanelView(
                base.taskId(),
                base.mode(),
                null,
                base.proposedOutputJson(),
                base.longOutput(),
                base.hasProposal(),
                base.hasSchema(),
                base.outcomes(),
                base.fields(),
                base.reasonCodes(),
                base.idempotencyKey(),
                List.of(),
                null,
                null,
                List.of(),
                null,
                diff,
                pretty,
                preview.error(),
                preview.edited(),
                preview.storedInS3(),
                base.largeOutputsStored(),
                Optional.empty(),
                null,
                preview.voidsApprovals(),
                preview.decides());
    }

    private DecisionPanelView base(
            TaskSummary task,
            ReviewRequest request,
            String mode,
            String readOnlyReason,
            Map<String, String> fields,
            Optional<DecisionView> decision,
            String error) {
        String pretty = request.proposedOutput().map(ContractJson::writePretty).orElse("");
        List<String> outcomes =
                request.decisions().stream().sorted().map(Outcome::wireName).toList();
        return new DecisionPanelView(
                task.id(),
                mode,
                readOnlyReason,
                pretty,
                pretty.lines().count() > LONG_OUTPUT_LINES,
                request.proposedOutput().isPresent(),
                request.outputSchema().isPresent(),
                outcomes,
                fields,
                decisions.reasonCodesFor(task.stateMachineName()),
                fields.getOrDefault("idempotencyKey", ""),
                List.of(),
                null,
                null,
                List.of(),
                error,
                List.of(),
                null,
                null,
                false,
                false,
                decisions.storesLargeOutputs(),
                decision,
                decision.isPresent() ? DeliveryView.of(task.id(), task.status()) : null,
                0,
                true);
    }

    private static Optional<SchemaForm.Field> form(ReviewRequest request) {
        return request.outputSchema()
                .map(SchemaForm::of)
                .filter(SchemaForm.Result::supported)
                .map(r -> r.root());
    }

    private static String fallbackReason(ReviewRequest request) {
        return request.outputSchema()
                .map(SchemaForm::of)
                .filter(r -> !r.supported())
                .map(SchemaForm.Result::unsupported)
                .orElse(null);
    }

    private static JsonNode parsed(String json) {
        try {
            return ContractJson.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an approval stores the JSON it was given", e);
        }
    }

    private static int parseIndex(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
