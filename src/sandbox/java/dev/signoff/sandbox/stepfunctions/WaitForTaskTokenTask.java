package dev.signoff.sandbox.stepfunctions;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The execution to simulate: a state machine whose Task state {@code stateName} is
 * {@code arn:aws:states:::sqs:sendMessage.waitForTaskToken} with the given TimeoutSeconds and optional
 * HeartbeatSeconds. Start from {@link #of} and refine with the {@code with*} methods.
 *
 * @param input the execution input, a JSON text
 */
public record WaitForTaskTokenTask(
        String stateMachineName,
        String executionName,
        String stateName,
        String input,
        long timeoutSeconds,
        OptionalLong heartbeatSeconds) {

    /** What Step Functions uses when a Task state has no TimeoutSeconds: the execution waits up to a year. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 99_999_999L;

    // AWS names: 1-80 characters, no whitespace, brackets, wildcards, control or listed special characters.
    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");

    public WaitForTaskTokenTask {
        requireName("stateMachineName", stateMachineName);
        requireName("executionName", executionName);
        Objects.requireNonNull(stateName, "stateName");
        if (stateName.isEmpty() || stateName.length() > 80) {
            throw new IllegalArgumentException("stateName must be 1-80 characters");
        }
        if (!Json.isValidJson(input)) {
            throw new IllegalArgumentException("input must be a JSON text");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > DEFAULT_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("timeoutSeconds must be 1.." + DEFAULT_TIMEOUT_SECONDS);
        }
        Objects.requireNonNull(heartbeatSeconds, "heartbeatSeconds");
        if (heartbeatSeconds.isPresent()
                && (heartbeatSeconds.getAsLong() < 1 || heartbeatSeconds.getAsLong() >= timeoutSeconds)) {
            throw new IllegalArgumentException("HeartbeatSeconds must be at least 1 and less than TimeoutSeconds ("
                    + timeoutSeconds + "), was " + heartbeatSeconds.getAsLong());
        }
    }

    /** A task with a generated execution name, input {@code {}} and no heartbeat. */
    public static WaitForTaskTokenTask of(String stateMachineName, String stateName, long timeoutSeconds) {
        return new WaitForTaskTokenTask(
                stateMachineName, UUID.randomUUID().toString(), stateName, "{}", timeoutSeconds, OptionalLong.empty());
    }

    public WaitForTaskTokenTask withExecutionName(String name) {
        return new WaitForTaskTokenTask(stateMachineName, name, stateName, input, timeoutSeconds, heartbeatSeconds);
    }

    public WaitForTaskTokenTask withInput(String json) {
        return new WaitForTaskTokenTask(
                stateMachineName, executionName, stateName, json, timeoutSeconds, heartbeatSeconds);
    }

    public WaitForTaskTokenTask withHeartbeatSeconds(long seconds) {
        return new WaitForTaskTokenTask(
                stateMachineName, executionName, stateName, input, timeoutSeconds, OptionalLong.of(seconds));
    }

    private static void requireName(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " is not a valid Step Functions name: " + value);
        }
    }
}
