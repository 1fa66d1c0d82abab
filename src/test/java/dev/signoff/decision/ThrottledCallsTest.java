package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.ScriptedStepFunctions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A throttled SendTask* call comes back from the SDK at once (its retry strategy never retries throttles, the
 * production client's: {@link StepFunctionsGateway#sdkRetries}); the gateway slows its limiter down and sends again
 * when that gives it a permit. A server here answers a script of responses and counts what reaches it; the limiter
 * runs on fake time, moved by its sleeper.
 */
class ThrottledCallsTest {

    private static final String THROTTLED = "400 ThrottlingException";
    private static final String ERROR_500 = "500 InternalFailure";
    private static final String OK = "200";

    private final Deque<String> script = new ArrayDeque<>();
    private final AtomicLong now = new AtomicLong();
    private final RateLimiter sendTask = new RateLimiter(100, 100, now::get, now::addAndGet);
    private ScriptedStepFunctions endpoint;
    private SfnClient sfn;
    private StepFunctionsGateway gateway;

    @BeforeEach
    void start() {
        endpoint = ScriptedStepFunctions.start(n -> {
            String[] next = script.isEmpty() ? OK.split(" ") : script.pop().split(" ");
            int status = Integer.parseInt(next[0]);
            return status == 200
                    ? ScriptedStepFunctions.Answer.ok()
                    : ScriptedStepFunctions.Answer.error(status, next[1], "scripted");
        });
        sfn = endpoint.client(StepFunctionsGateway.sdkRetries());
        RateLimiter other = RateLimiter.perSecond(1_000);
        gateway = new StepFunctionsGateway(
                sfn,
                new StepFunctionsRates(sendTask, other, other, Duration.ofSeconds(2), new SimpleMeterRegistry()),
                1000,
                20);
    }

    @AfterEach
    void stop() {
        sfn.close();
        endpoint.close();
    }

    @Test
    void a_throttled_callback_is_sent_again_by_the_gateway_at_the_slowed_pace_and_lands() {
        script.addAll(List.of(THROTTLED, THROTTLED));

        assertThat(gateway.sendSuccess("token", "{}")).isEqualTo(new StepFunctionsGateway.Outcome.Delivered());

        assertThat(endpoint.requests())
                .as("two throttled attempts, each tried once, then the one that landed")
                .isEqualTo(3);
        assertThat(sendTask.rate()).as("slowed down").isLessThan(100);
        assertThat(now.get())
                .as("the second attempt waited for a permit of the slowed limiter")
                .isPositive();
    }

    @Test
    void a_callback_throttled_on_every_attempt_goes_back_to_the_dispatcher_as_retryable() {
        script.addAll(List.of(THROTTLED, THROTTLED, THROTTLED, THROTTLED));

        StepFunctionsGateway.Outcome outcome = gateway.sendSuccess("token", "{}");

        assertThat(outcome).isInstanceOf(StepFunctionsGateway.Outcome.Retryable.class);
        assertThat(((StepFunctionsGateway.Outcome.Retryable) outcome).reason()).contains("ThrottlingException");
        assertThat(endpoint.requests()).isEqualTo(StepFunctionsGateway.THROTTLED_ATTEMPTS);
    }

    @Test
    void a_server_error_is_tried_again_within_the_call_by_the_sdk_and_leaves_the_rate_alone() {
        script.add(ERROR_500);

        assertThat(gateway.sendHeartbeat("token")).isEqualTo(new StepFunctionsGateway.Outcome.Delivered());

        assertThat(endpoint.requests()).isEqualTo(2);
        assertThat(sendTask.rate()).isEqualTo(100);
    }

    @Test
    void a_refused_call_is_not_tried_again() {
        script.add("400 ValidationException");

        assertThat(gateway.sendSuccess("token", "{}")).isInstanceOf(StepFunctionsGateway.Outcome.Refused.class);

        assertThat(endpoint.requests()).isEqualTo(1);
    }
}
