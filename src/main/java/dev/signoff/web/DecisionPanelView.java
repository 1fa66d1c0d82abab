package dev.signoff.web;

import dev.signoff.decision.DecisionView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The task page's proposed output and decision panel (templates/tags/decisionPanel.html).
 *
 * @param mode decided, closed (expired or cancelled: read-only, {@code readOnlyReason} says why), not-assigned, edit
 *     (the form) or confirm (what the workflow will receive, then Confirm or Back to edit)
 * @param fallbackReason why the schema gets the JSON editor instead of a form; null when it has a form or no schema
 * @param fields every submitted field, echoed as hidden inputs by the confirm view so "Back to edit" loses nothing
 * @param voidsApprovals confirm: how many N-of-M approvals this approval voids (it approves another output)
 * @param decides confirm: whether confirming decides (false: an approval the policy still waits beyond)
 */
public record DecisionPanelView(
        UUID taskId,
        String mode,
        String readOnlyReason,
        String proposedOutputJson,
        boolean longOutput,
        boolean hasProposal,
        boolean hasSchema,
        List<String> outcomes,
        Map<String, String> fields,
        List<String> reasonCodes,
        String idempotencyKey,
        List<FormRows.Row> rows,
        String fallbackReason,
        String jsonError,
        List<String> outputErrors,
        String panelError,
        List<JsonDiff.Change> diff,
        String previewJson,
        String previewError,
        boolean previewEdited,
        boolean storedInS3,
        boolean largeOutputsStored,
        Optional<DecisionView> decision,
        DeliveryView delivery,
        int voidsApprovals,
        boolean decides) {

    public boolean formEditor() {
        return !rows.isEmpty();
    }

    public String value(String name) {
        return fields.getOrDefault(name, "");
    }

    public boolean chosen(String outcome) {
        return outcome.equals(fields.get("decision"));
    }

    public boolean allows(String outcome) {
        return outcomes.contains(outcome);
    }

    public boolean approving() {
        return "approve".equals(fields.get("decision"));
    }

    public List<Map.Entry<String, String>> hidden() {
        return fields.entrySet().stream()
                .filter(e -> !e.getKey().equals("step"))
                .toList();
    }
}
