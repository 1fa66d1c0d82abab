package dev.signoff.sandbox.stepfunctions;

import java.time.Instant;
import java.util.List;

/**
 * An execution's state at one moment, for tests and the sandbox UI. {@code stopDate}, {@code output},
 * {@code error} and {@code cause} are null until the execution has them. The token itself is never kept;
 * {@code taskTokenSha256} matches {@link CallRecord#request()}'s {@code taskTokenSha256}.
 */
public record ExecutionSnapshot(
        String executionArn,
        String stateMachineArn,
        String name,
        String stateName,
        ExecutionStatus status,
        Instant startDate,
        Instant stopDate,
        String input,
        String output,
        String error,
        String cause,
        String taskTokenSha256,
        List<HistoryEvent> history) {

    public ExecutionSnapshot {
        history = List.copyOf(history);
    }

    /** Event types in order, e.g. {@code [ExecutionStarted, TaskStateEntered, ...]}. */
    public List<String> eventTypes() {
        return history.stream().map(HistoryEvent::type).toList();
    }
}
