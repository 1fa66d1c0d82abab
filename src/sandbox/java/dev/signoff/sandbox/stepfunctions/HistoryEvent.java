package dev.signoff.sandbox.stepfunctions;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of an execution's history, as GetExecutionHistory returns it.
 *
 * @param type the AWS event type, e.g. {@code TaskSucceeded}
 * @param details the fields of the event's details object (e.g. {@code taskSucceededEventDetails}); values
 *     are strings, numbers, booleans or nested maps
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, Map<String, Object> details) {

    public HistoryEvent {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The JSON member AWS puts the details under, e.g. {@code stateEnteredEventDetails} for TaskStateEntered. */
    public String detailsKey() {
        String base = switch (type) {
            case "TaskStateEntered" -> "StateEntered";
            case "TaskStateExited" -> "StateExited";
            default -> type;
        };
        return Character.toLowerCase(base.charAt(0)) + base.substring(1) + "EventDetails";
    }

    /** A top-level detail as text, or null when absent. */
    public String detail(String field) {
        Object value = details.get(field);
        return value == null ? null : value.toString();
    }
}
