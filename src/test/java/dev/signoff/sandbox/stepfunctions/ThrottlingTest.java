package dev.signoff.sandbox.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** The stand-in throttles a group of operations above a configured rate, as an AWS quota does; time moves by hand. */
class ThrottlingTest extends StandInTestBase {

    private final AtomicLong nanos = new AtomicLong();

    @BeforeEach
    void handMovedTime() {
        standIn.throttleTime(nanos::get);
    }

    @Test
    void calls_beyond_the_burst_are_refused_as_throttling_and_not_applied_until_the_bucket_refills() {
        standIn.throttle(2, 2, "SendTaskSuccess", "SendTaskHeartbeat");
        StartedExecution first = startExecution(3600);
        StartedExecution second = startExecution(3600);
        StartedExecution third = startExecution(3600);

        sfn.sendTaskHeartbeat(b -> b.taskToken(first.taskToken()));
        sfn.sendTaskSuccess(b -> b.taskToken(first.taskToken()).output("{}"));
        // The heartbeat shares the bucket: the burst of two is spent.
        assertThatThrownBy(() ->
                        sfn.sendTaskSuccess(b -> b.taskToken(second.taskToken()).output("{}")))
                .isInstanceOf(SfnException.class)
                .satisfies(e -> {
                    assertThat(((SfnException) e).awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(((SfnException) e).isThrottlingException()).isTrue();
                });
        assertThat(standIn.execution(second.executionArn()).orElseThrow().status())
                .isEqualTo(ExecutionStatus.RUNNING);
        // Other operations are not limited.
        sfn.describeExecution(b -> b.executionArn(third.executionArn()));

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500)); // one call's worth at 2 a second
        sfn.sendTaskSuccess(b -> b.taskToken(second.taskToken()).output("{}"));
        assertThatThrownBy(() ->
                        sfn.sendTaskSuccess(b -> b.taskToken(third.taskToken()).output("{}")))
                .isInstanceOf(SfnException.class);

        assertThat(standIn.execution(second.executionArn()).orElseThrow().status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(standIn.calls().stream()
                        .filter(c -> c.operation().equals("SendTaskSuccess"))
                        .map(CallRecord::outcome)
                        .toList())
                .containsExactly(CallRecord.OK, "ThrottlingException", CallRecord.OK, "ThrottlingException");
    }

    @Test
    void the_bucket_saves_up_no_more_than_its_burst_and_clearing_faults_lifts_the_throttle() {
        standIn.throttle(1, 1, "SendTaskSuccess");
        StartedExecution first = startExecution(3600);
        StartedExecution second = startExecution(3600);
        StartedExecution third = startExecution(3600);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(60));
        sfn.sendTaskSuccess(b -> b.taskToken(first.taskToken()).output("{}"));
        assertThatThrownBy(() ->
                        sfn.sendTaskSuccess(b -> b.taskToken(second.taskToken()).output("{}")))
                .isInstanceOf(SfnException.class);

        standIn.clearFaults();
        sfn.sendTaskSuccess(b -> b.taskToken(second.taskToken()).output("{}"));
        sfn.sendTaskSuccess(b -> b.taskToken(third.taskToken()).output("{}"));
    }

    @Test
    void calls_after_a_count_are_read_without_gaps() {
        StartedExecution started = startExecution(3600);
        sfn.describeExecution(b -> b.executionArn(started.executionArn()));
        CallLog.Page first = standIn.callsAfter(0);
        sfn.sendTaskHeartbeat(b -> b.taskToken(started.taskToken()));
        sfn.describeExecution(b -> b.executionArn(started.executionArn()));

        CallLog.Page next = standIn.callsAfter(first.next());

        assertThat(first.calls()).extracting(CallRecord::operation).containsExactly("DescribeExecution");
        assertThat(next.calls())
                .extracting(CallRecord::operation)
                .containsExactly("SendTaskHeartbeat", "DescribeExecution");
        assertThat(next.next()).isEqualTo(3);
        assertThat(next.missed()).isZero();
        assertThat(standIn.callsAfter(next.next()).calls()).isEqualTo(List.of());
    }
}
