package dev.signoff.decision;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.callbacksFor;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.WaitForTaskTokenTask;
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
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An instance with signoff.callbacks.enabled=false (say, one that only serves pages) calls Step Functions not at all. */
@QuarkusTest
@TestProfile(CallbacksDisabledTest.Disabled.class)
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class CallbacksDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("signoff.callbacks.enabled", "false");
        }
    }

    @Inject
    SqsClient sqs;

    @Inject
    TaskUpkeep upkeep;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void the_upkeep_round_sends_no_heartbeat_and_expires_nothing() {
        Instant closes = StepFunctionsTestResource.clock().instant().plus(Duration.ofMinutes(5));
        StartedExecution execution = StepFunctionsTestResource.standIn()
                .startWaitingExecution(
                        WaitForTaskTokenTask.of("invoice-processing", "HumanReview", 3600)
                                .withHeartbeatSeconds(600),
                        sqs,
                        queueUrl,
                        context -> Workflows.request(context)
                                .put("heartbeatSeconds", 600)
                                .put("expiresAt", closes.toString())
                                .toString());
        UUID taskId = awaitTask(execution);
        StepFunctionsTestResource.clock().advance(Duration.ofMinutes(6)); // heartbeat due, review window closed

        upkeep.run();

        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(callbacksFor(execution)).isEmpty();
    }

    @Test
    void liveness_reports_the_dispatcher_as_disabled_not_down() {
        given().get("/q/health/live")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("callback-dispatcher"))
                .body("checks.find { it.name == 'callback-dispatcher' }.data.enabled", is(false));
    }
}
