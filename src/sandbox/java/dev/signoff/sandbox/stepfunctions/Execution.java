package dev.signoff.sandbox.stepfunctions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One execution parked in a {@code sqs:sendMessage.waitForTaskToken} Task state. Deadlines are checked
 * lazily against the caller's clock on every access, so a test advances its clock instead of sleeping.
 * All methods lock the instance; the launcher holds that lock while the review request is being sent. The move out
 * of RUNNING happens once, under that lock, and is reported to {@code onStopped} right there.
 */
final class Execution {

    static final String TIMEOUT_ERROR = "States.Timeout";

    private final String arn;
    private final String stateMachineArn;
    private final WaitForTaskTokenTask task;
    private final String tokenHash;
    private final Instant startDate;
    private final Consumer<ExecutionSnapshot> onStopped;
    private final List<HistoryEvent> events = new ArrayList<>();
    private ExecutionStatus status = ExecutionStatus.RUNNING;
    private String output;
    private String error;
    private String cause;
    private Instant stopDate;
    private boolean taskOpen;
    private Instant timeoutDeadline;
    private Instant heartbeatDeadline;

    Execution(
            String arn,
            String stateMachineArn,
            WaitForTaskTokenTask task,
            String tokenHash,
            Instant now,
            Consumer<ExecutionSnapshot> onStopped) {
        this.arn = arn;
        this.onStopped = onStopped;
        this.stateMachineArn = stateMachineArn;
        this.task = task;
        this.tokenHash = tokenHash;
        this.startDate = now;
        add(now, "ExecutionStarted", EventDetails.data("input", task.input()));
        add(now, "TaskStateEntered", EventDetails.state(task.stateName(), "input", task.input()));
    }

    String arn() {
        return arn;
    }

    String tokenHash() {
        return tokenHash;
    }

    /** The state's Parameters came out larger than Step Functions allows: the state fails before scheduling. */
    synchronized void dataLimitExceeded(int bytes, Instant now) {
        failExecution(
                now,
                "States.DataLimitExceeded",
                "The task parameters are " + bytes + " bytes, over the 262144-byte limit for state input and output.");
    }

    synchronized void taskStarted(String region, String queueUrl, Instant now) {
        add(
                now,
                "TaskScheduled",
                EventDetails.taskScheduled(region, queueUrl, task.timeoutSeconds(), task.heartbeatSeconds()));
        add(now, "TaskStarted", EventDetails.task());
        taskOpen = true;
        timeoutDeadline = now.plusSeconds(task.timeoutSeconds());
        task.heartbeatSeconds().ifPresent(seconds -> heartbeatDeadline = now.plusSeconds(seconds));
    }

    synchronized void submitted(String messageId, String md5OfBody, Instant now) {
        String sqsResponse = Json.object()
                .put("MessageId", messageId)
                .put("MD5OfMessageBody", md5OfBody)
                .toString();
        add(now, "TaskSubmitted", EventDetails.taskOutput(sqsResponse));
    }

    synchronized void submitFailed(String submitError, String submitCause, Instant now) {
        taskOpen = false;
        add(now, "TaskSubmitFailed", EventDetails.taskError(submitError, submitCause));
        failExecution(now, submitError, submitCause);
    }

    synchronized void succeed(String taskOutput, Instant now) {
        requireOpenTask(now);
        taskOpen = false;
        add(now, "TaskSucceeded", EventDetails.taskOutput(taskOutput));
        add(now, "TaskStateExited", EventDetails.state(task.stateName(), "output", taskOutput));
        output = taskOutput;
        status = ExecutionStatus.SUCCEEDED;
        stopDate = now;
        add(now, "ExecutionSucceeded", EventDetails.data("output", taskOutput));
        onStopped.accept(snapshot(now));
    }

    synchronized void fail(String taskError, String taskCause, Instant now) {
        requireOpenTask(now);
        taskOpen = false;
        add(now, "TaskFailed", EventDetails.taskError(taskError, taskCause));
        failExecution(now, taskError, taskCause);
    }

    /** Resets only the heartbeat clock; TimeoutSeconds still counts from the task's start. */
    synchronized void heartbeat(Instant now) {
        requireOpenTask(now);
        task.heartbeatSeconds().ifPresent(seconds -> heartbeatDeadline = now.plusSeconds(seconds));
    }

    /** Aborts a running execution; a closed one is left as it is. Returns the stop date. */
    synchronized Instant stop(String stopError, String stopCause, Instant now) {
        expireIfDue(now);
        if (status == ExecutionStatus.RUNNING) {
            taskOpen = false;
            error = stopError;
            cause = stopCause;
            status = ExecutionStatus.ABORTED;
            stopDate = now;
            add(now, "ExecutionAborted", EventDetails.errorCause(stopError, stopCause));
            onStopped.accept(snapshot(now));
        }
        return stopDate;
    }

    synchronized ExecutionSnapshot snapshot(Instant now) {
        expireIfDue(now);
        return new ExecutionSnapshot(
                arn,
                stateMachineArn,
                task.executionName(),
                task.stateName(),
                status,
                startDate,
                stopDate,
                task.input(),
                output,
                error,
                cause,
                tokenHash,
                events);
    }

    private void requireOpenTask(Instant now) {
        expireIfDue(now);
        if (!taskOpen) {
            throw SfnError.taskTimedOut();
        }
    }

    private void expireIfDue(Instant now) {
        if (!taskOpen) {
            return;
        }
        Instant deadline = timeoutDeadline;
        String why = "The task did not complete within TimeoutSeconds (" + task.timeoutSeconds() + ")";
        if (heartbeatDeadline != null && heartbeatDeadline.isBefore(deadline)) {
            deadline = heartbeatDeadline;
            why = "No heartbeat within HeartbeatSeconds ("
                    + task.heartbeatSeconds().getAsLong() + ")";
        }
        if (now.isBefore(deadline)) {
            return;
        }
        taskOpen = false;
        add(deadline, "TaskTimedOut", EventDetails.taskError(TIMEOUT_ERROR, why));
        failExecution(deadline, TIMEOUT_ERROR, why);
    }

    private void failExecution(Instant at, String finalError, String finalCause) {
        status = ExecutionStatus.FAILED;
        error = finalError;
        cause = finalCause;
        stopDate = at;
        add(at, "ExecutionFailed", EventDetails.errorCause(finalError, finalCause));
        onStopped.accept(snapshot(at));
    }

    private void add(Instant at, String type, Map<String, Object> details) {
        long id = events.size() + 1L;
        events.add(new HistoryEvent(id, id - 1, at, type, details));
    }
}
