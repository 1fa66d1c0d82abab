package dev.signoff.sandbox.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

class HistoryAndLookupTest extends StandInTestBase {

    @Test
    void history_pages_follow_next_token_in_both_directions() {
        StartedExecution started = startExecution(3600);
        String arn = started.executionArn();

        GetExecutionHistoryResponse first =
                sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(2));
        GetExecutionHistoryResponse second =
                sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(2).nextToken(first.nextToken()));
        GetExecutionHistoryResponse third =
                sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(2).nextToken(second.nextToken()));

        assertThat(ids(first.events())).containsExactly(1L, 2L);
        assertThat(ids(second.events())).containsExactly(3L, 4L);
        assertThat(ids(third.events())).containsExactly(5L);
        assertThat(third.nextToken()).isNull();
        List<Long> reversed = sfn
                .getExecutionHistoryPaginator(
                        b -> b.executionArn(arn).maxResults(2).reverseOrder(true))
                .events()
                .stream()
                .map(HistoryEvent::id)
                .toList();
        assertThat(reversed).containsExactly(5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void next_token_that_was_not_issued_for_this_listing_gets_invalid_token() {
        StartedExecution started = startExecution(3600);
        String arn = started.executionArn();
        String reverseToken = sfn.getExecutionHistory(
                        b -> b.executionArn(arn).maxResults(1).reverseOrder(true))
                .nextToken();

        assertThatThrownBy(
                        () -> sfn.getExecutionHistory(b -> b.executionArn(arn).nextToken("garbage")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(
                        () -> sfn.getExecutionHistory(b -> b.executionArn(arn).nextToken(reverseToken)))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(
                        () -> sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1001)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void history_without_execution_data_leaves_out_input_and_output() {
        StartedExecution started = startExecution(
                WaitForTaskTokenTask.of("review-flow", "HumanReview", 3600).withInput("{\"case\":\"c-9\"}"));
        sfn.sendTaskSuccess(b -> b.taskToken(started.taskToken()).output("{\"approved\":true}"));

        List<HistoryEvent> withData = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()))
                .events();
        List<HistoryEvent> withoutData = sfn.getExecutionHistory(
                        b -> b.executionArn(started.executionArn()).includeExecutionData(false))
                .events();

        assertThat(withData.get(0).executionStartedEventDetails().input()).isEqualTo("{\"case\":\"c-9\"}");
        assertThat(withoutData.get(0).executionStartedEventDetails().input()).isNull();
        assertThat(withoutData.get(5).taskSucceededEventDetails().output()).isNull();
        assertThat(withoutData.get(5).taskSucceededEventDetails().resource()).isEqualTo("sendMessage.waitForTaskToken");
    }

    @Test
    void unknown_execution_gets_execution_does_not_exist_and_a_bad_arn_gets_invalid_arn() {
        String unknown = "arn:aws:states:us-east-1:123456789012:execution:review-flow:never-started";

        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(unknown)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.getExecutionHistory(b -> b.executionArn(unknown)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.stopExecution(b -> b.executionArn(unknown)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        for (String bad : List.of("not-an-arn", "arn:aws:states:us-east-1:123456789012:stateMachine:review-flow")) {
            assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(bad)))
                    .isInstanceOf(InvalidArnException.class);
        }
    }

    @Test
    void review_request_sqs_refuses_fails_the_execution_like_a_failed_task_submission() {
        String missingQueue = queueUrl + "-missing";

        StartedExecution started = standIn.startWaitingExecution(
                WaitForTaskTokenTask.of("review-flow", "HumanReview", 3600),
                sqs,
                missingQueue,
                StandInTestBase::reviewRequest);

        ExecutionSnapshot execution = standIn.execution(started.executionArn()).orElseThrow();
        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).startsWith("SQS.");
        assertThat(execution.eventTypes()).endsWith("TaskSubmitFailed", "ExecutionFailed");
    }

    @Test
    void review_request_over_the_state_data_limit_fails_with_data_limit_exceeded_and_sends_nothing() {
        StartedExecution started = standIn.startWaitingExecution(
                WaitForTaskTokenTask.of("review-flow", "HumanReview", 3600),
                sqs,
                queueUrl,
                context -> "\"" + "x".repeat(262_143) + "\"");

        ExecutionSnapshot execution = standIn.execution(started.executionArn()).orElseThrow();
        assertThat(execution.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(execution.eventTypes()).containsExactly("ExecutionStarted", "TaskStateEntered", "ExecutionFailed");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(0))
                        .messages())
                .isEmpty();
    }

    @Test
    void execution_names_are_unique_per_state_machine() {
        WaitForTaskTokenTask task =
                WaitForTaskTokenTask.of("review-flow", "HumanReview", 3600).withExecutionName("once");
        startExecution(task);

        assertThatThrownBy(() -> startExecution(task)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> task.withExecutionName("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThat(standIn.executions()).hasSize(1);
    }

    private static List<Long> ids(List<HistoryEvent> events) {
        return events.stream().map(HistoryEvent::id).toList();
    }
}
