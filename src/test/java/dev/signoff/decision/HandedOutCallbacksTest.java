package dev.signoff.decision;

import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.appliedCallbacks;
import static dev.signoff.testsupport.ReviewTasks.approve;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.Fault;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * With several senders (production's way; the other tests send one at a time) the dispatcher hands each claimed
 * callback to a sender and claims again at once: a slow call holds up only itself. The stand-in holds the first
 * call's answer (it has landed) until released.
 */
@QuarkusTest
@TestProfile(HandedOutCallbacksTest.FourSenders.class)
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class HandedOutCallbacksTest {

    public static class FourSenders implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("signoff.callbacks.senders", "4", "signoff.callbacks.batch-size", "4");
        }
    }

    @Inject
    SqsClient sqs;

    @Inject
    CallbackDispatcher dispatcher;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    private final StepFunctionsStandIn standIn = StepFunctionsTestResource.standIn();

    @AfterEach
    void release() {
        standIn.clearFaults();
    }

    @Test
    void a_callback_decided_while_another_is_still_out_goes_out_without_waiting_for_it() {
        StartedExecution slow = Workflows.start(sqs, queueUrl, 3600);
        StartedExecution next = Workflows.start(sqs, queueUrl, 3600);
        var slowTask = awaitTask(slow);
        var nextTask = awaitTask(next);
        standIn.injectFault("SendTaskSuccess", Fault.slowResponse(Duration.ofMinutes(1), 1));

        assertThat(approve(slowTask).statusCode()).isEqualTo(200);
        await().until(() -> standIn.slowCallsHeld() == 1);
        assertThat(approve(nextTask).statusCode()).isEqualTo(200);

        await().until(() -> appliedCallbacks(next) == 1);
        assertThat(standIn.slowCallsHeld())
                .as("the first call was still out when the second landed")
                .isEqualTo(1);
        standIn.releaseSlow();
        await().until(() -> appliedCallbacks(slow) == 1);
        assertThat(appliedCallbacks(next)).as("each exactly once").isEqualTo(1);
    }

    @Test
    void stopping_the_dispatcher_waits_for_the_callbacks_it_handed_out() {
        StartedExecution slow = Workflows.start(sqs, queueUrl, 3600);
        var slowTask = awaitTask(slow);
        standIn.injectFault("SendTaskSuccess", Fault.slowResponse(Duration.ofMinutes(1), 1));
        assertThat(approve(slowTask).statusCode()).isEqualTo(200);
        await().until(() -> standIn.slowCallsHeld() == 1);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                dispatcher.stopWorker();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });

        assertThat(stopped)
                .as("still waiting for the call out")
                .failsWithin(Duration.ofMillis(500))
                .withThrowableThat()
                .isInstanceOf(TimeoutException.class);
        standIn.releaseSlow();
        stopped.join();
        dispatcher.startWorker();
        assertThat(appliedCallbacks(slow)).isEqualTo(1);
    }
}
