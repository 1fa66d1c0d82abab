package dev.signoff.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Set;

/**
 * A Step Functions "Execution Status Change" event as EventBridge delivers it to an SQS target: the event JSON
 * as-is, with the execution in {@code detail}. Only what Signoff needs is read; {@code detail.input} and
 * {@code detail.output} hold the execution's data and are never kept or logged.
 */
record ExecutionEvent(String eventId, String executionArn, String status, Instant stopDate) {

    static final String SOURCE = "aws.states";
    static final String DETAIL_TYPE = "Step Functions Execution Status Change";
    static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");
    static final Set<String> NOT_TERMINAL = Set.of("RUNNING", "PENDING_REDRIVE");

    /** What a message on the events queue turned out to be. {@code summary} is safe to log (no input/output). */
    sealed interface Read {
        String summary();
    }

    /** An execution ended: act on it. */
    record Ended(ExecutionEvent event) implements Read {
        public String summary() {
            return "event " + event.eventId + " (" + event.status + " " + event.executionArn + ")";
        }
    }

    /** A well-formed EventBridge event with nothing to do (another source or type, or a status that is not an end). */
    record Irrelevant(String summary) implements Read {}

    /** Not an event Signoff can read: it goes to the dead-letter queue for someone to look at. */
    record Unreadable(String summary) implements Read {}

    static Read read(ObjectMapper json, String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (Exception e) {
            return new Unreadable("not JSON");
        }
        if (root == null || !root.isObject()) {
            return new Unreadable("not a JSON object");
        }
        String id = text(root, "id");
        String source = text(root, "source");
        String type = text(root, "detail-type");
        if (id == null || source == null || type == null) {
            // Possibly something sent to the wrong queue (a review request, say): deleting it could lose it.
            return new Unreadable("not an EventBridge event (no id, source or detail-type)");
        }
        String what = "event " + id + " (" + source + " / " + type;
        if (!SOURCE.equals(source) || !DETAIL_TYPE.equals(type)) {
            return new Irrelevant(what + ")");
        }
        JsonNode detail = root.get("detail");
        String status = detail == null ? null : text(detail, "status");
        String executionArn = detail == null ? null : text(detail, "executionArn");
        what += ", " + status + ")";
        if (status != null && NOT_TERMINAL.contains(status)) {
            return new Irrelevant(what);
        }
        if (status == null || !TERMINAL.contains(status)) {
            return new Unreadable(what + ": unknown or missing detail.status");
        }
        JsonNode stopDate = detail.get("stopDate");
        if (executionArn == null || stopDate == null || !stopDate.canConvertToLong()) {
            return new Unreadable(what + ": no detail.executionArn or detail.stopDate (epoch milliseconds)");
        }
        return new Ended(new ExecutionEvent(id, executionArn, status, Instant.ofEpochMilli(stopDate.asLong())));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
