package dev.signoff.sandbox.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

class DeadlineTest extends StandInTestBase {

    private static final String DECISION = "{\"approved\":true}";

    @Test
    void token_expires_at_timeout_seconds_and_the_execution_fails_with_states_timeout() {
        StartedExecution started = startExecution(600);
        clock.advance(Duration.ofSeconds(599));
        sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken()));

        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> sfn.sendTaskSuccess(
                        b -> b.taskToken(started.taskToken()).output(DECISION)))
                .isInstanceOf(TaskTimedOutException.class);
        DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(started.executionArn()));
        assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(described.error()).isEqualTo("States.Timeout");
        assertThat(described.stopDate()).isEqualTo(T0.plusSeconds(600));
        HistoryEvent timedOut = lastEvents(started, 2)[0];
        assertThat(timedOut.type()).isEqualTo(HistoryEventType.TASK_TIMED_OUT);
        assertThat(timedOut.taskTimedOutEventDetails().error()).isEqualTo("States.Timeout");
        assertThat(timedOut.timestamp()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void expiry_is_seen_by_describe_execution_without_any_callback() {
        StartedExecution started = startExecution(60);
        clock.advance(Duration.ofHours(2));

        assertThat(sfn.describeExecution(b -> b.executionArn(started.executionArn()))
                        .status())
                .isEqualTo(ExecutionStatus.FAILED);
        assertThat(standIn.execution(started.executionArn()).orElseThrow().stopDate())
                .isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void token_expires_at_the_heartbeat_deadline_without_a_heartbeat() {
        StartedExecution started = startExecution(
                WaitForTaskTokenTask.of("review-flow", "HumanReview", 3600).withHeartbeatSeconds(300));
        clock.advance(Duration.ofSeconds(300));

        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken())))
                .isInstanceOf(TaskTimedOutException.class);
        DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(started.executionArn()));
        assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(described.error()).isEqualTo("States.Timeout");
        assertThat(described.stopDate()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void heartbeat_extends_the_heartbeat_deadline_but_not_the_timeout() {
        StartedExecution started = startExecution(
                WaitForTaskTokenTask.of("review-flow", "HumanReview", 1000).withHeartbeatSeconds(300));
        for (int beat = 0; beat < 3; beat++) {
            clock.advance(Duration.ofSeconds(250));
            sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken()));
        }
        clock.advance(Duration.ofSeconds(249));
        sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken()));

        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken())))
                .isInstanceOf(TaskTimedOutException.class);
        ExecutionSnapshot execution = standIn.execution(started.executionArn()).orElseThrow();
        assertThat(execution.error()).isEqualTo("States.Timeout");
        assertThat(execution.cause()).contains("TimeoutSeconds");
        assertThat(execution.stopDate()).isEqualTo(T0.plusSeconds(1000));
    }

    @Test
    void heartbeats_keep_the_task_open_past_several_heartbeat_periods() {
        StartedExecution started = startExecution(
                WaitForTaskTokenTask.of("review-flow", "HumanReview", 1000).withHeartbeatSeconds(300));
        for (int beat = 0; beat < 3; beat++) {
            clock.advance(Duration.ofSeconds(250));
            sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken()));
        }

        clock.advance(Duration.ofSeconds(249));
        sfn.sendTaskSuccess(b -> b.taskToken(started.taskToken()).output(DECISION));

        assertThat(sfn.describeExecution(b -> b.executionArn(started.executionArn()))
                        .status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void heartbeat_seconds_must_be_less_than_timeout_seconds() {
        WaitForTaskTokenTask task = WaitForTaskTokenTask.of("review-flow", "HumanReview", 300);

        assertThatThrownBy(() -> task.withHeartbeatSeconds(300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> task.withHeartbeatSeconds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(task.withHeartbeatSeconds(299).heartbeatSeconds()).hasValue(299);
    }

    private HistoryEvent[] lastEvents(StartedExecution started, int count) {
        var events = sfn.getExecutionHistory(
                        b -> b.executionArn(started.executionArn()).reverseOrder(true))
                .events();
        HistoryEvent[] last = new HistoryEvent[count];
        for (int i = 0; i < count; i++) {
            last[count - 1 - i] = events.get(i);
        }
        return last;
    }
}
