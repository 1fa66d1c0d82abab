package dev.signoff.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The waitForTaskToken Task of a demo state machine, read from its Amazon States Language definition in
 * {@code sandbox/demo/state-machines/<name>.asl.json}. The demo starts executions at that state, so it must be the
 * {@code StartAt} state, and it must set TimeoutSeconds (without it a lost callback waits a year).
 */
record ReviewStateDefinition(
        String stateMachineName,
        String stateName,
        long timeoutSeconds,
        OptionalLong heartbeatSeconds,
        MessageBodyTemplate messageBody) {

    static final String WAIT_FOR_TASK_TOKEN = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";

    static ReviewStateDefinition load(String stateMachineName) {
        String resource = "/sandbox/demo/state-machines/" + stateMachineName + ".asl.json";
        try (InputStream in = ReviewStateDefinition.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No state machine definition at " + resource);
            }
            return parse(stateMachineName, MessageBodyTemplate.JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    static ReviewStateDefinition parse(String stateMachineName, JsonNode definition) {
        List<Map.Entry<String, JsonNode>> reviewStates = definition.path("States").properties().stream()
                .filter(state -> WAIT_FOR_TASK_TOKEN.equals(
                        state.getValue().path("Resource").asText()))
                .toList();
        if (reviewStates.size() != 1) {
            throw new IllegalStateException(
                    stateMachineName + " must have exactly one waitForTaskToken Task, has " + reviewStates.size());
        }
        String stateName = reviewStates.get(0).getKey();
        JsonNode state = reviewStates.get(0).getValue();
        if (!stateName.equals(definition.path("StartAt").asText())) {
            throw new IllegalStateException(stateMachineName + ": StartAt must be " + stateName);
        }
        if (!state.path("TimeoutSeconds").isIntegralNumber()) {
            throw new IllegalStateException(stateMachineName + "." + stateName + " must set TimeoutSeconds");
        }
        JsonNode heartbeat = state.path("HeartbeatSeconds");
        return new ReviewStateDefinition(
                stateMachineName,
                stateName,
                state.path("TimeoutSeconds").asLong(),
                heartbeat.isMissingNode() ? OptionalLong.empty() : OptionalLong.of(heartbeat.asLong()),
                MessageBodyTemplate.of(state.path("Parameters").path("MessageBody")));
    }
}
