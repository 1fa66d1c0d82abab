package dev.signoff.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.audit.AuditEvent;
import dev.signoff.contract.ContractJson;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.decision.DecisionView;
import dev.signoff.review.TaskSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the task page shows. {@code form} echoes a rejected submission so the reviewer loses nothing;
 * {@code panel} is the proposed output and decision panel.
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
        DecisionPanelView panel) {

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

    static String pretty(JsonNode node) {
        return ContractJson.writePretty(node);
    }
}
