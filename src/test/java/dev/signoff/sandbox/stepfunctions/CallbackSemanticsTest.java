package dev.signoff.sandbox.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

class CallbackSemanticsTest extends StandInTestBase {

    private static final String DECISION = "{\"decisionId\":\"d-1\",\"approved\":true}";

    @Test
    void review_request_arrives_on_the_queue_with_token_and_execution_arn() throws Exception {
        clock.advance(Duration.ofSeconds(5));
        StartedExecution started = startExecution(
                WaitForTaskTokenTask.of("review-flow", "HumanReview", 3600).withExecutionName("run-42"));

        JsonNode request = receiveReviewRequest();

        assertThat(started.executionArn())
                .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:review-flow:run-42");
        assertThat(request.get("executionArn").asText()).isEqualTo(started.executionArn());
        assertThat(request.get("stateMachineArn").asText())
                .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:review-flow");
        assertThat(request.get("stateName").asText()).isEqualTo("HumanReview");
        assertThat(request.get("enteredAt").asText())
                .isEqualTo(T0.plusSeconds(5).toString());
        assertThat(request.get("taskToken").asText())
                .isEqualTo(started.taskToken())
                .hasSizeBetween(1, 2048);
        assertThat(started.toString()).doesNotContain(started.taskToken());
        assertThat(standIn.execution(started.executionArn()).orElseThrow().eventTypes())
                .containsExactly(
                        "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted");
    }

    @Test
    void task_scheduled_event_shows_the_deadlines_and_queue_but_not_the_token() throws Exception {
        StartedExecution started = startExecution(
                WaitForTaskTokenTask.of("review-flow", "HumanReview", 3600).withHeartbeatSeconds(900));
        String messageId = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1))
                .messages()
                .get(0)
                .messageId();

        List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()))
                .events();

        var scheduled = events.get(2).taskScheduledEventDetails();
        assertThat(scheduled.resourceType()).isEqualTo("sqs");
        assertThat(scheduled.resource()).isEqualTo("sendMessage.waitForTaskToken");
        assertThat(scheduled.region()).isEqualTo("us-east-1");
        assertThat(scheduled.timeoutInSeconds()).isEqualTo(3600L);
        assertThat(scheduled.heartbeatInSeconds()).isEqualTo(900L);
        assertThat(JSON.readTree(scheduled.parameters()).get("QueueUrl").asText())
                .isEqualTo(queueUrl);
        assertThat(scheduled.parameters()).doesNotContain(started.taskToken());
        assertThat(JSON.readTree(events.get(4).taskSubmittedEventDetails().output())
                        .get("MessageId")
                        .asText())
                .isEqualTo(messageId);
    }

    @Test
    void success_makes_the_execution_succeed_with_that_output() throws Exception {
        StartedExecution started = startExecution(3600);
        String token = receiveReviewRequest().get("taskToken").asText();
        clock.advance(Duration.ofMinutes(3));

        sfn.sendTaskSuccess(b -> b.taskToken(token).output(DECISION));

        DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(started.executionArn()));
        assertThat(described.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(described.output()).isEqualTo(DECISION);
        assertThat(described.startDate()).isEqualTo(T0);
        assertThat(described.stopDate()).isEqualTo(T0.plusSeconds(180));
        List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()))
                .events();
        assertThat(events)
                .extracting(HistoryEvent::type)
                .containsExactly(
                        HistoryEventType.EXECUTION_STARTED,
                        HistoryEventType.TASK_STATE_ENTERED,
                        HistoryEventType.TASK_SCHEDULED,
                        HistoryEventType.TASK_STARTED,
                        HistoryEventType.TASK_SUBMITTED,
                        HistoryEventType.TASK_SUCCEEDED,
                        HistoryEventType.TASK_STATE_EXITED,
                        HistoryEventType.EXECUTION_SUCCEEDED);
        HistoryEvent succeeded = events.get(5);
        assertThat(succeeded.taskSucceededEventDetails().output()).isEqualTo(DECISION);
        assertThat(succeeded.taskSucceededEventDetails().resourceType()).isEqualTo("sqs");
        assertThat(succeeded.taskSucceededEventDetails().resource()).isEqualTo("sendMessage.waitForTaskToken");
        assertThat(succeeded.timestamp()).isEqualTo(T0.plusSeconds(180));
        assertThat(succeeded.id()).isEqualTo(6);
        assertThat(succeeded.previousEventId()).isEqualTo(5);
        assertThat(events.get(7).executionSucceededEventDetails().output()).isEqualTo(DECISION);
    }

    @Test
    void failure_makes_the_execution_fail_with_error_and_cause() throws Exception {
        StartedExecution started = startExecution(3600);

        sfn.sendTaskFailure(
                b -> b.taskToken(started.taskToken()).error("Rejected").cause("Findings are wrong"));

        DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(started.executionArn()));
        assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(described.error()).isEqualTo("Rejected");
        assertThat(described.cause()).isEqualTo("Findings are wrong");
        assertThat(described.output()).isNull();
        List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()))
                .events();
        assertThat(events.get(events.size() - 2).taskFailedEventDetails().error())
                .isEqualTo("Rejected");
        assertThat(events.get(events.size() - 1).executionFailedEventDetails().cause())
                .isEqualTo("Findings are wrong");
    }

    @Test
    void second_success_call_with_same_token_gets_task_timed_out() {
        StartedExecution started = startExecution(3600);
        sfn.sendTaskSuccess(b -> b.taskToken(started.taskToken()).output(DECISION));

        assertThatThrownBy(() -> sfn.sendTaskSuccess(
                        b -> b.taskToken(started.taskToken()).output(DECISION)))
                .isInstanceOf(TaskTimedOutException.class)
                .satisfies(e -> assertThat(((SfnException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken(started.taskToken())))
                .isInstanceOf(TaskTimedOutException.class);
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken())))
                .isInstanceOf(TaskTimedOutException.class);
        assertThat(standIn.execution(started.executionArn()).orElseThrow().output())
                .isEqualTo(DECISION);
    }

    @Test
    void malformed_token_gets_invalid_token() {
        StartedExecution started = startExecution(3600);
        String token = started.taskToken();
        String wrongCharset = "!" + token.substring(1);
        String truncated = token.substring(0, token.length() - 4);

        for (String malformed : List.of("not-a-token", wrongCharset, truncated)) {
            assertThatThrownBy(() ->
                            sfn.sendTaskSuccess(b -> b.taskToken(malformed).output(DECISION)))
                    .isInstanceOf(InvalidTokenException.class);
        }
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken("x")))
                .isInstanceOf(InvalidTokenException.class);
        assertThat(standIn.execution(started.executionArn()).orElseThrow().status())
                .isEqualTo(dev.signoff.sandbox.stepfunctions.ExecutionStatus.RUNNING);
    }

    @Test
    void well_formed_token_this_stand_in_never_issued_gets_task_does_not_exist() {
        startExecution(3600);
        String foreignToken;
        try (StepFunctionsStandIn other = StepFunctionsStandIn.start(0, clock)) {
            foreignToken = other.startWaitingExecution(
                            WaitForTaskTokenTask.of("elsewhere", "HumanReview", 3600), sqs, queueUrl, c -> "{}")
                    .taskToken();
        }

        assertThatThrownBy(
                        () -> sfn.sendTaskSuccess(b -> b.taskToken(foreignToken).output(DECISION)))
                .isInstanceOf(TaskDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken(foreignToken)))
                .isInstanceOf(TaskDoesNotExistException.class);
    }

    @Test
    void output_that_is_not_json_gets_invalid_output_and_changes_nothing() {
        StartedExecution started = startExecution(3600);

        for (String notJson : List.of("approved", "{\"a\":1", "{} {}", "")) {
            assertThatThrownBy(() -> sfn.sendTaskSuccess(
                            b -> b.taskToken(started.taskToken()).output(notJson)))
                    .isInstanceOf(InvalidOutputException.class);
        }

        sfn.sendTaskSuccess(b -> b.taskToken(started.taskToken()).output("\"approved\""));
        assertThat(standIn.execution(started.executionArn()).orElseThrow().output())
                .isEqualTo("\"approved\"");
    }

    @Test
    void oversized_output_error_or_cause_gets_validation_exception() {
        StartedExecution started = startExecution(3600);
        // 131,072 two-byte characters in quotes: under the limit in characters, over it in UTF-8 bytes.
        String bigOutput = "\"" + "é".repeat(131_072) + "\"";

        assertValidationError(
                () -> sfn.sendTaskSuccess(b -> b.taskToken(started.taskToken()).output(bigOutput)));
        assertValidationError(
                () -> sfn.sendTaskFailure(b -> b.taskToken(started.taskToken()).error("E".repeat(257))));
        assertValidationError(
                () -> sfn.sendTaskFailure(b -> b.taskToken(started.taskToken()).cause("c".repeat(32_769))));
        assertValidationError(
                () -> sfn.sendTaskSuccess(b -> b.taskToken("A".repeat(2049)).output("{}")));

        sfn.sendTaskFailure(
                b -> b.taskToken(started.taskToken()).error("E".repeat(256)).cause("c".repeat(32_768)));
        assertThat(standIn.execution(started.executionArn()).orElseThrow().cause())
                .hasSize(32_768);
    }

    @Test
    void stopped_execution_rejects_callbacks_with_task_timed_out() {
        StartedExecution started = startExecution(3600);
        clock.advance(Duration.ofSeconds(30));

        var stopped = sfn.stopExecution(
                b -> b.executionArn(started.executionArn()).error("Cancelled").cause("Operator stopped it"));

        assertThat(stopped.stopDate()).isEqualTo(T0.plusSeconds(30));
        assertThatThrownBy(() -> sfn.sendTaskSuccess(
                        b -> b.taskToken(started.taskToken()).output(DECISION)))
                .isInstanceOf(TaskTimedOutException.class);
        DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(started.executionArn()));
        assertThat(described.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(described.error()).isEqualTo("Cancelled");
        assertThat(described.cause()).isEqualTo("Operator stopped it");
        assertThat(standIn.execution(started.executionArn()).orElseThrow().eventTypes())
                .last()
                .isEqualTo("ExecutionAborted");
    }

    private static void assertValidationError(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((SfnException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }
}
