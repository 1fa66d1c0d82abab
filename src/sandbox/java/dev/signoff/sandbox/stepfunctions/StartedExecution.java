package dev.signoff.sandbox.stepfunctions;

import java.time.Instant;

/**
 * An execution the stand-in started. The token is here for tests that skip the queue; {@link #toString()}
 * leaves it out.
 */
public record StartedExecution(String executionArn, String stateMachineArn, Instant startDate, String taskToken) {

    @Override
    public String toString() {
        return "StartedExecution[executionArn=" + executionArn + ", stateMachineArn=" + stateMachineArn + ", startDate="
                + startDate + ", taskToken=(redacted)]";
    }
}
