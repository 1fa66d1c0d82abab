package dev.signoff.sandbox.stepfunctions;

import java.time.Instant;

/**
 * What a waitForTaskToken Task's Parameters can reference ({@code $$.Task.Token}, {@code $$.Execution.Id},
 * {@code $$.StateMachine.Id}, {@code $$.State.Name}, {@code $$.State.EnteredTime}); the message body is built
 * from it. {@link #toString()} leaves the token out.
 */
public record TaskContext(
        String taskToken, String executionArn, String stateMachineArn, String stateName, Instant enteredAt) {

    @Override
    public String toString() {
        return "TaskContext[executionArn=" + executionArn + ", stateMachineArn=" + stateMachineArn + ", stateName="
                + stateName + ", enteredAt=" + enteredAt + ", taskToken=(redacted)]";
    }
}
