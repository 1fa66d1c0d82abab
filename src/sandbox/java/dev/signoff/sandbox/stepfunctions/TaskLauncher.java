package dev.signoff.sandbox.stepfunctions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** Runs an execution up to its waitForTaskToken Task: mint the token, build the message, send it to SQS. */
final class TaskLauncher {

    private final Executions executions;
    private final Clock clock;
    private final String region;
    private final String accountId;
    private final Consumer<ExecutionSnapshot> onStopped;

    TaskLauncher(
            Executions executions,
            Clock clock,
            String region,
            String accountId,
            Consumer<ExecutionSnapshot> onStopped) {
        this.executions = executions;
        this.onStopped = onStopped;
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    StartedExecution launch(
            WaitForTaskTokenTask task, SqsClient sqs, String queueUrl, Function<TaskContext, String> messageBody) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(messageBody, "messageBody");
        String prefix = "arn:aws:states:" + region + ":" + accountId + ":";
        String stateMachineArn = prefix + "stateMachine:" + task.stateMachineName();
        String executionArn = prefix + "execution:" + task.stateMachineName() + ":" + task.executionName();
        String token = TaskTokens.mint();
        Instant enteredAt = clock.instant();
        String body = Objects.requireNonNull(
                messageBody.apply(new TaskContext(token, executionArn, stateMachineArn, task.stateName(), enteredAt)),
                "message body");

        Execution execution =
                new Execution(executionArn, stateMachineArn, task, TaskTokens.sha256(token), enteredAt, onStopped);
        // Held while sending, so a consumer that calls back before TaskSubmitted is recorded waits for it.
        synchronized (execution) {
            executions.register(execution);
            int bytes = body.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > Operations.MAX_OUTPUT_BYTES) {
                execution.dataLimitExceeded(bytes, clock.instant());
            } else {
                execution.taskStarted(region, queueUrl, clock.instant());
                send(execution, sqs, queueUrl, body);
            }
        }
        return new StartedExecution(executionArn, stateMachineArn, enteredAt, token);
    }

    private void send(Execution execution, SqsClient sqs, String queueUrl, String body) {
        try {
            SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
            execution.submitted(sent.messageId(), sent.md5OfMessageBody(), clock.instant());
        } catch (AwsServiceException e) {
            execution.submitFailed("SQS." + e.awsErrorDetails().errorCode(), e.getMessage(), clock.instant());
        } catch (SdkException e) {
            execution.submitFailed("SQS.SdkClientException", e.getMessage(), clock.instant());
        }
    }
}
