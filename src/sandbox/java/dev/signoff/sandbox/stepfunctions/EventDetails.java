package dev.signoff.sandbox.stepfunctions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The details objects of the history events a callback Task produces; absent (null) members are left out. */
final class EventDetails {

    static final String RESOURCE_TYPE = "sqs";
    static final String RESOURCE = "sendMessage.waitForTaskToken";

    private EventDetails() {}

    /** ExecutionStarted or ExecutionSucceeded: {@code input} or {@code output} with its data details. */
    static Map<String, Object> data(String member, String json) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(member, json);
        details.put(member + "Details", Map.of("truncated", false));
        return details;
    }

    /** TaskStateEntered or TaskStateExited. */
    static Map<String, Object> state(String stateName, String member, String json) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", stateName);
        details.putAll(data(member, json));
        return details;
    }

    /** TaskStarted; the base of every other task event. */
    static Map<String, Object> task() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resourceType", RESOURCE_TYPE);
        details.put("resource", RESOURCE);
        return details;
    }

    static Map<String, Object> taskScheduled(
            String region, String queueUrl, long timeoutSeconds, OptionalLong heartbeatSeconds) {
        Map<String, Object> details = task();
        details.put("region", region);
        // The real event shows the resolved MessageBody, which carries the token: never shown here.
        details.put(
                "parameters",
                Json.object()
                        .put("QueueUrl", queueUrl)
                        .put("MessageBody", "(omitted: contains the task token)")
                        .toString());
        details.put("timeoutInSeconds", timeoutSeconds);
        heartbeatSeconds.ifPresent(seconds -> details.put("heartbeatInSeconds", seconds));
        return details;
    }

    /** TaskSubmitted or TaskSucceeded. */
    static Map<String, Object> taskOutput(String output) {
        Map<String, Object> details = task();
        details.putAll(data("output", output));
        return details;
    }

    /** TaskFailed, TaskTimedOut or TaskSubmitFailed. */
    static Map<String, Object> taskError(String error, String cause) {
        Map<String, Object> details = task();
        details.putAll(errorCause(error, cause));
        return details;
    }

    /** ExecutionFailed or ExecutionAborted. */
    static Map<String, Object> errorCause(String error, String cause) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }
}
