package dev.signoff.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.sandbox.stepfunctions.TaskContext;
import dev.signoff.sandbox.stepfunctions.WaitForTaskTokenTask;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One demo execution: a state machine's waitForTaskToken state (name, TimeoutSeconds, HeartbeatSeconds and its
 * {@code Parameters.MessageBody}) and the input an agent pipeline starts it with.
 *
 * @param pattern the agentic pattern it shows: {@code document-processing}, {@code compliance-review} or
 *     {@code multi-day-research}
 * @param agentOutput the execution input without deadlines, a JSON object
 * @param dueIn when the caller wants the decision, counted from the start; shorter than the timeout
 * @param expiresIn when the review closes undecided ({@code expiresAt}), counted from the start; not before
 *     {@code dueIn}, shorter than the timeout
 */
public record DemoScenario(
        String name,
        String pattern,
        String stateMachineName,
        String stateName,
        long timeoutSeconds,
        OptionalLong heartbeatSeconds,
        Duration dueIn,
        Duration expiresIn,
        String agentOutput,
        MessageBodyTemplate messageBody) {

    public DemoScenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(heartbeatSeconds, "heartbeatSeconds");
        Objects.requireNonNull(messageBody, "messageBody");
        if (dueIn.isNegative() || dueIn.getSeconds() >= timeoutSeconds) {
            throw new IllegalArgumentException(name + ": dueIn must be shorter than TimeoutSeconds");
        }
        if (expiresIn.compareTo(dueIn) < 0 || expiresIn.getSeconds() >= timeoutSeconds) {
            throw new IllegalArgumentException(name + ": expiresIn must be from dueIn to shorter than TimeoutSeconds");
        }
        if (!read(agentOutput).isObject()) {
            throw new IllegalArgumentException(name + ": the agent output must be a JSON object");
        }
    }

    /**
     * The execution input: the agent output plus {@code deadlines.dueAt}, {@code deadlines.expiresAt} and
     * {@code deadlines.timeoutAt}, which
     * the caller computes because JSONPath cannot add TimeoutSeconds to {@code $$.State.EnteredTime}.
     */
    public String executionInput(Instant startedAt) {
        ObjectNode input = (ObjectNode) read(agentOutput);
        input.putObject("deadlines")
                .put(
                        "dueAt",
                        startedAt.plus(dueIn).truncatedTo(ChronoUnit.MINUTES).toString())
                .put(
                        "expiresAt",
                        startedAt
                                .plus(expiresIn)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString())
                .put(
                        "timeoutAt",
                        startedAt
                                .plusSeconds(timeoutSeconds)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString());
        return input.toString();
    }

    /** What to give the stand-in: this state, entered with {@code executionInput}. */
    public WaitForTaskTokenTask task(String executionName, String executionInput) {
        WaitForTaskTokenTask task = WaitForTaskTokenTask.of(stateMachineName, stateName, timeoutSeconds)
                .withExecutionName(executionName)
                .withInput(executionInput);
        return heartbeatSeconds.isPresent() ? task.withHeartbeatSeconds(heartbeatSeconds.getAsLong()) : task;
    }

    /** The SQS message body the state sends for this input and context, as Step Functions would build it. */
    public String messageBodyFor(String executionInput, TaskContext context) {
        return messageBody.renderToString(read(executionInput), context);
    }

    private static JsonNode read(String json) {
        try {
            return MessageBodyTemplate.JSON.readTree(Objects.requireNonNull(json, "json"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
