package dev.signoff.sandbox.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An execution's terminal status as the EventBridge event Step Functions sends for it ({@code source} aws.states,
 * {@code detail-type} "Step Functions Execution Status Change"): the envelope, and a {@code detail} with what
 * DescribeExecution returns plus {@code inputDetails}/{@code outputDetails}. Dates in {@code detail} are epoch
 * milliseconds; {@code time} is the stop date to the second. Never carries the task token.
 */
final class StatusChangeEvent {

    static final String DETAIL_TYPE = "Step Functions Execution Status Change";
    static final String SOURCE = "aws.states";

    /** EventBridge's event size limit leaves Step Functions this much for escaped input plus escaped output. */
    static final int MAX_ESCAPED_DATA_BYTES = 248 * 1024;

    private StatusChangeEvent() {}

    static String toJson(ExecutionSnapshot execution, String region, String accountId, UUID id) {
        ObjectNode event = Json.object()
                .put("version", "0")
                .put("id", id.toString())
                .put("detail-type", DETAIL_TYPE)
                .put("source", SOURCE)
                .put("account", accountId)
                .put(
                        "time",
                        DateTimeFormatter.ISO_INSTANT.format(
                                execution.stopDate().truncatedTo(ChronoUnit.SECONDS)))
                .put("region", region);
        event.putArray("resources").add(execution.executionArn());
        event.set("detail", detail(execution));
        return event.toString();
    }

    private static ObjectNode detail(ExecutionSnapshot execution) {
        // Like Step Functions: drop the output if it alone is too large, then the input if both together are.
        int outputBytes = escapedBytes(execution.output());
        boolean outputIncluded = outputBytes <= MAX_ESCAPED_DATA_BYTES;
        boolean inputIncluded =
                escapedBytes(execution.input()) + (outputIncluded ? outputBytes : 0) <= MAX_ESCAPED_DATA_BYTES;
        ObjectNode detail = Json.object()
                .put("executionArn", execution.executionArn())
                .put("stateMachineArn", execution.stateMachineArn())
                .put("name", execution.name())
                .put("status", execution.status().name())
                .put("startDate", execution.startDate().toEpochMilli())
                .put("stopDate", execution.stopDate().toEpochMilli())
                .put("input", inputIncluded ? execution.input() : null)
                .put("output", outputIncluded ? execution.output() : null);
        detail.putObject("inputDetails").put("included", inputIncluded);
        if (execution.output() == null) {
            detail.putNull("outputDetails");
        } else {
            detail.putObject("outputDetails").put("included", outputIncluded);
        }
        return detail.put("error", execution.error()).put("cause", execution.cause());
    }

    private static int escapedBytes(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Json.MAPPER.writeValueAsString(text).getBytes(StandardCharsets.UTF_8).length - 2;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
