package dev.signoff.sandbox.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

class FaultInjectionTest extends StandInTestBase {

    private static final String DECISION = "{\"decisionId\":\"dec-7\",\"approved\":true}";

    @Test
    void throttling_fault_reaches_a_client_without_retries_as_throttling_exception() {
        StartedExecution started = startExecution(3600);
        standIn.injectFault("SendTaskSuccess", Fault.throttling(1));

        assertThatThrownBy(() -> sfn.sendTaskSuccess(
                        b -> b.taskToken(started.taskToken()).output(DECISION)))
                .isInstanceOf(SfnException.class)
                .satisfies(e -> {
                    SfnException error = (SfnException) e;
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.isThrottlingException()).isTrue();
                });
        assertThat(standIn.execution(started.executionArn()).orElseThrow().status())
                .isEqualTo(dev.signoff.sandbox.stepfunctions.ExecutionStatus.RUNNING);
    }

    @Test
    void client_with_retries_gets_through_throttling_and_an_outage() {
        StartedExecution started = startExecution(3600);
        standIn.injectFault("SendTaskSuccess", Fault.throttling(1));
        standIn.injectFault("SendTaskSuccess", Fault.serviceUnavailable(1));

        try (SfnClient retrying = retryingClient()) {
            retrying.sendTaskSuccess(b -> b.taskToken(started.taskToken()).output(DECISION));
        }

        assertThat(successCalls())
                .extracting(CallRecord::outcome, CallRecord::httpStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ThrottlingException", 400),
                        org.assertj.core.groups.Tuple.tuple("ServiceUnavailable", 503),
                        org.assertj.core.groups.Tuple.tuple(CallRecord.OK, 200));
        assertThat(standIn.execution(started.executionArn()).orElseThrow().output())
                .isEqualTo(DECISION);
    }

    @Test
    void internal_failure_fault_is_a_500_the_sdk_maps_to_its_error_code() {
        StartedExecution started = startExecution(3600);
        standIn.injectFault("DescribeExecution", Fault.internalFailure(1));

        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(started.executionArn())))
                .isInstanceOf(SfnException.class)
                .satisfies(e -> {
                    assertThat(((SfnException) e).statusCode()).isEqualTo(500);
                    assertThat(((SfnException) e).awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
                });
        assertThat(sfn.describeExecution(b -> b.executionArn(started.executionArn()))
                        .status())
                .isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void lost_500_response_makes_the_retry_see_task_timed_out_while_history_shows_the_decision() {
        StartedExecution started = startExecution(3600);
        standIn.injectFault("SendTaskSuccess", Fault.applyThenRespond500(1));

        try (SfnClient retrying = retryingClient()) {
            assertThatThrownBy(() -> retrying.sendTaskSuccess(
                            b -> b.taskToken(started.taskToken()).output(DECISION)))
                    .isInstanceOf(TaskTimedOutException.class);
        }

        assertThat(successCalls())
                .extracting(CallRecord::outcome, CallRecord::responseLost)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CallRecord.OK, true),
                        org.assertj.core.groups.Tuple.tuple("TaskTimedOut", false));
        assertThat(decisionInHistory(started)).isEqualTo(DECISION);
    }

    @Test
    void dropped_connection_after_applying_leaves_the_decision_in_history() {
        StartedExecution started = startExecution(3600);
        standIn.injectFault("SendTaskSuccess", Fault.applyThenDropConnection(1));

        assertThatThrownBy(() -> sfn.sendTaskSuccess(
                        b -> b.taskToken(started.taskToken()).output(DECISION)))
                .isInstanceOf(SdkClientException.class);
        assertThatThrownBy(() -> sfn.sendTaskSuccess(
                        b -> b.taskToken(started.taskToken()).output(DECISION)))
                .isInstanceOf(TaskTimedOutException.class);

        assertThat(successCalls().get(0).responseLost()).isTrue();
        assertThat(successCalls().get(0).httpStatus()).isEqualTo(-1);
        assertThat(decisionInHistory(started)).isEqualTo(DECISION);
        assertThat(sfn.describeExecution(b -> b.executionArn(started.executionArn()))
                        .status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void a_slow_response_applies_the_call_at_once_and_answers_when_released() throws Exception {
        StartedExecution started = startExecution(3600);
        standIn.injectFault("SendTaskSuccess", Fault.slowResponse(java.time.Duration.ofMinutes(1), 1));
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<?> call = caller.submit(() ->
                    sfn.sendTaskSuccess(b -> b.taskToken(started.taskToken()).output(DECISION)));
            org.awaitility.Awaitility.await().until(() -> standIn.slowCallsHeld() == 1);

            assertThat(call).isNotDone();
            assertThat(standIn.execution(started.executionArn()).orElseThrow().status())
                    .isEqualTo(dev.signoff.sandbox.stepfunctions.ExecutionStatus.SUCCEEDED);
            standIn.releaseSlow();
            call.get();
        } finally {
            caller.shutdownNow();
        }
        assertThat(standIn.slowCallsHeld()).isZero();
        assertThat(successCalls()).extracting(CallRecord::outcome).containsExactly(CallRecord.OK);
    }

    @Test
    void faults_are_used_up_and_only_hit_their_operation() {
        StartedExecution started = startExecution(3600);
        standIn.injectFault("SendTaskHeartbeat", Fault.throttling(2));

        sfn.describeExecution(b -> b.executionArn(started.executionArn()));
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken())))
                .isInstanceOf(SfnException.class);
        assertThatThrownBy(() -> sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken())))
                .isInstanceOf(SfnException.class);
        sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken()));

        assertThat(standIn.calls())
                .extracting(CallRecord::operation, CallRecord::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DescribeExecution", CallRecord.OK),
                        org.assertj.core.groups.Tuple.tuple("SendTaskHeartbeat", "ThrottlingException"),
                        org.assertj.core.groups.Tuple.tuple("SendTaskHeartbeat", "ThrottlingException"),
                        org.assertj.core.groups.Tuple.tuple("SendTaskHeartbeat", CallRecord.OK));
        assertThatThrownBy(() -> standIn.injectFault("SendTaskSucess", Fault.throttling(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recorded_calls_and_snapshots_never_contain_the_token() throws Exception {
        StartedExecution started = startExecution(3600);
        String token = started.taskToken();
        sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        standIn.injectFault("SendTaskSuccess", Fault.throttling(1));
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output(DECISION)));
        sfn.sendTaskSuccess(b -> b.taskToken(token).output(DECISION));
        assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken(token).error("Late")));

        List<CallRecord> calls = standIn.calls();
        ExecutionSnapshot execution = standIn.execution(started.executionArn()).orElseThrow();

        assertThat(calls).hasSize(4);
        assertThat(calls.toString()).doesNotContain(token);
        assertThat(execution.toString()).doesNotContain(token);
        assertThat(calls)
                .allSatisfy(call -> assertThat(call.request()).containsEntry("taskTokenSha256", sha256(token)));
        assertThat(execution.taskTokenSha256()).isEqualTo(sha256(token));
    }

    private SfnClient retryingClient() {
        return sfnClient(c -> c.retryStrategy(b -> b.maxAttempts(3)
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())));
    }

    private List<CallRecord> successCalls() {
        return standIn.calls().stream()
                .filter(call -> call.operation().equals("SendTaskSuccess"))
                .toList();
    }

    private String decisionInHistory(StartedExecution started) {
        return sfn.getExecutionHistory(b -> b.executionArn(started.executionArn())).events().stream()
                .filter(event -> event.type() == HistoryEventType.TASK_SUCCEEDED)
                .map(HistoryEvent::taskSucceededEventDetails)
                .map(details -> details.output())
                .findFirst()
                .orElseThrow();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
