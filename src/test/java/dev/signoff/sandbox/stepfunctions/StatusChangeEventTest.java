package dev.signoff.sandbox.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** The EventBridge "Step Functions Execution Status Change" events the stand-in sends when an execution stops. */
class StatusChangeEventTest extends StandInTestBase {

    private static final String DECISION = "{\"approved\":true}";
    private static final String INPUT = "{\"invoice\":\"INV-1\"}";

    private StartedExecution startReview() {
        return startExecution(WaitForTaskTokenTask.of("review-flow", "HumanReview", 3600)
                .withExecutionName("run-1")
                .withInput(INPUT));
    }

    @Test
    void running_execution_sends_nothing_and_describing_or_heartbeating_it_sends_nothing() {
        StartedExecution started = startReview();
        clock.advance(Duration.ofSeconds(10));
        sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken()));
        sfn.describeExecution(b -> b.executionArn(started.executionArn()));
        sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()));

        assertThat(statusChanges).isEmpty();
    }

    @Test
    void success_sends_one_succeeded_event_in_eventbridge_shape() throws Exception {
        StartedExecution started = startReview();
        clock.advance(Duration.ofMillis(90_250));

        sfn.sendTaskSuccess(b -> b.taskToken(started.taskToken()).output(DECISION));

        JsonNode event = onlyEvent();
        assertThat(fieldNames(event))
                .containsExactly(
                        "version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail");
        assertThat(event.get("version").asText()).isEqualTo("0");
        assertThat(event.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(event.get("detail-type").asText()).isEqualTo("Step Functions Execution Status Change");
        assertThat(event.get("source").asText()).isEqualTo("aws.states");
        assertThat(event.get("account").asText()).isEqualTo("123456789012");
        assertThat(event.get("time").asText()).isEqualTo("2026-11-26T10:01:30Z");
        assertThat(event.get("region").asText()).isEqualTo("us-east-1");
        assertThat(event.get("resources")).hasSize(1);
        assertThat(event.get("resources").get(0).asText()).isEqualTo(started.executionArn());

        JsonNode detail = event.get("detail");
        assertThat(fieldNames(detail))
                .containsExactly(
                        "executionArn",
                        "stateMachineArn",
                        "name",
                        "status",
                        "startDate",
                        "stopDate",
                        "input",
                        "output",
                        "inputDetails",
                        "outputDetails",
                        "error",
                        "cause");
        assertThat(detail.get("executionArn").asText()).isEqualTo(started.executionArn());
        assertThat(detail.get("stateMachineArn").asText()).isEqualTo(started.stateMachineArn());
        assertThat(detail.get("name").asText()).isEqualTo("run-1");
        assertThat(detail.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(detail.get("startDate").isIntegralNumber()).isTrue();
        assertThat(detail.get("startDate").asLong()).isEqualTo(T0.toEpochMilli());
        assertThat(detail.get("stopDate").asLong()).isEqualTo(T0.toEpochMilli() + 90_250);
        assertThat(detail.get("input").asText()).isEqualTo(INPUT);
        assertThat(detail.get("output").asText()).isEqualTo(DECISION);
        assertThat(detail.get("inputDetails").get("included").asBoolean()).isTrue();
        assertThat(detail.get("outputDetails").get("included").asBoolean()).isTrue();
        assertThat(detail.get("error").isNull()).isTrue();
        assertThat(detail.get("cause").isNull()).isTrue();
        assertThat(statusChanges.get(0)).doesNotContain(started.taskToken());
    }

    @Test
    void failure_sends_one_failed_event_with_error_and_cause_and_no_output() throws Exception {
        StartedExecution started = startReview();

        sfn.sendTaskFailure(
                b -> b.taskToken(started.taskToken()).error("Signoff.Rejected").cause("Totals do not match"));

        JsonNode detail = onlyEvent().get("detail");
        assertThat(detail.get("status").asText()).isEqualTo("FAILED");
        assertThat(detail.get("error").asText()).isEqualTo("Signoff.Rejected");
        assertThat(detail.get("cause").asText()).isEqualTo("Totals do not match");
        assertThat(detail.get("output").isNull()).isTrue();
        assertThat(detail.get("outputDetails").isNull()).isTrue();
        assertThat(statusChanges.get(0)).doesNotContain(started.taskToken());
    }

    @Test
    void stop_execution_sends_one_aborted_event_and_stopping_again_sends_no_more() throws Exception {
        StartedExecution started = startReview();
        clock.advance(Duration.ofSeconds(30));

        sfn.stopExecution(
                b -> b.executionArn(started.executionArn()).error("Cancelled").cause("Operator"));
        sfn.stopExecution(b -> b.executionArn(started.executionArn()));

        JsonNode detail = onlyEvent().get("detail");
        assertThat(detail.get("status").asText()).isEqualTo("ABORTED");
        assertThat(detail.get("error").asText()).isEqualTo("Cancelled");
        assertThat(detail.get("cause").asText()).isEqualTo("Operator");
        assertThat(detail.get("stopDate").asLong()).isEqualTo(T0.plusSeconds(30).toEpochMilli());
    }

    @Test
    void task_timeout_sends_one_failed_event_with_states_timeout_dated_at_the_deadline() throws Exception {
        StartedExecution started = startReview();
        clock.advance(Duration.ofHours(2));

        assertThatThrownBy(() -> sfn.sendTaskSuccess(
                        b -> b.taskToken(started.taskToken()).output(DECISION)))
                .isInstanceOf(TaskTimedOutException.class);
        sfn.describeExecution(b -> b.executionArn(started.executionArn()));

        JsonNode event = onlyEvent();
        assertThat(event.get("time").asText()).isEqualTo("2026-11-26T11:00:00Z");
        JsonNode detail = event.get("detail");
        assertThat(detail.get("status").asText()).isEqualTo("FAILED");
        assertThat(detail.get("error").asText()).isEqualTo("States.Timeout");
        assertThat(detail.get("stopDate").asLong())
                .isEqualTo(T0.plusSeconds(3600).toEpochMilli());
    }

    @Test
    void check_deadlines_sends_the_timeout_event_without_anyone_touching_the_execution() throws Exception {
        startReview();
        clock.advance(Duration.ofSeconds(3599));
        standIn.checkDeadlines();
        assertThat(statusChanges).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        standIn.checkDeadlines();
        standIn.checkDeadlines();

        assertThat(onlyEvent().get("detail").get("error").asText()).isEqualTo("States.Timeout");
    }

    @Test
    void failed_submit_of_the_review_request_sends_one_failed_event() throws Exception {
        standIn.startWaitingExecution(
                WaitForTaskTokenTask.of("review-flow", "HumanReview", 3600),
                sqs,
                queueUrl + "-missing",
                StandInTestBase::reviewRequest);

        assertThat(onlyEvent().get("detail").get("error").asText()).startsWith("SQS.");
    }

    @Test
    void output_too_large_for_eventbridge_is_left_out_and_marked_not_included() throws Exception {
        StartedExecution started = startReview();
        String bigOutput = "\"" + "x".repeat(StatusChangeEvent.MAX_ESCAPED_DATA_BYTES) + "\"";

        sfn.sendTaskSuccess(b -> b.taskToken(started.taskToken()).output(bigOutput));

        JsonNode detail = onlyEvent().get("detail");
        assertThat(detail.get("output").isNull()).isTrue();
        assertThat(detail.get("outputDetails").get("included").asBoolean()).isFalse();
        assertThat(detail.get("input").asText()).isEqualTo(INPUT);
        assertThat(detail.get("inputDetails").get("included").asBoolean()).isTrue();
    }

    @Test
    void listener_that_throws_does_not_fail_the_call_or_the_transition() {
        statusChangeListener = event -> {
            throw new IllegalStateException("queue is down");
        };
        StartedExecution started = startReview();

        sfn.sendTaskSuccess(b -> b.taskToken(started.taskToken()).output(DECISION));

        assertThat(standIn.execution(started.executionArn()).orElseThrow().status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThatThrownBy(() -> sfn.sendTaskSuccess(
                        b -> b.taskToken(started.taskToken()).output(DECISION)))
                .isInstanceOf(TaskTimedOutException.class);
    }

    private JsonNode onlyEvent() throws Exception {
        assertThat(statusChanges).hasSize(1);
        return JSON.readTree(statusChanges.get(0));
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
                .toList();
    }
}
