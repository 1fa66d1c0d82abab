package dev.signoff.sandbox.stepfunctions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Executions and history events as the AWS JSON 1.0 responses of DescribeExecution and GetExecutionHistory. */
final class WireFormat {

    private static final Set<String> EXECUTION_DATA = Set.of("input", "inputDetails", "output", "outputDetails");

    private WireFormat() {}

    static ObjectNode describe(ExecutionSnapshot execution) {
        ObjectNode node = Json.object()
                .put("executionArn", execution.executionArn())
                .put("stateMachineArn", execution.stateMachineArn())
                .put("name", execution.name())
                .put("status", execution.status().name());
        Json.putTimestamp(node, "startDate", execution.startDate());
        if (execution.stopDate() != null) {
            Json.putTimestamp(node, "stopDate", execution.stopDate());
        }
        node.put("input", execution.input());
        node.putObject("inputDetails").put("included", true);
        if (execution.output() != null) {
            node.put("output", execution.output());
            node.putObject("outputDetails").put("included", true);
        }
        putIfPresent(node, "error", execution.error());
        putIfPresent(node, "cause", execution.cause());
        return node;
    }

    static ObjectNode event(HistoryEvent event, boolean includeExecutionData) {
        ObjectNode node = Json.object();
        Json.putTimestamp(node, "timestamp", event.timestamp());
        node.put("type", event.type()).put("id", event.id()).put("previousEventId", event.previousEventId());
        ObjectNode details = (ObjectNode) Json.toTree(event.details());
        if (!includeExecutionData) {
            details.remove(EXECUTION_DATA);
        }
        node.set(event.detailsKey(), details);
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
