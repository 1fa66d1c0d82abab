package dev.signoff.decision;

import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.review.TaskStatus;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.MutableClock;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Readiness says when the dispatchers fall behind: a due callback waiting longer than max-backlog-age (5 min). */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class DispatchBacklogHealthTest {

    @Inject
    SqsClient sqs;

    @Inject
    CallbackDispatcher dispatcher;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    private final MutableClock clock = StepFunctionsTestResource.clock();

    @Test
    void readiness_is_down_with_the_wait_while_a_due_callback_waits_past_the_limit_and_up_once_it_is_sent()
            throws Exception {
        UUID taskId = awaitTask(Workflows.start(sqs, queueUrl, 3600));
        dispatcher.stopWorker();
        try {
            assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(4));
            assertThat(backlogCheck().getString("status")).isEqualTo("UP");

            clock.advance(Duration.ofMinutes(2));
            given().get("/q/health/ready").then().statusCode(503);
            JsonPath down = backlogCheck();
            assertThat(down.getString("status")).isEqualTo("DOWN");
            assertThat(Duration.parse(down.getString("data.oldestDueWaiting"))).isGreaterThan(Duration.ofMinutes(5));
            assertThat(down.getString("data.limit")).isEqualTo("PT5M");
        } finally {
            dispatcher.startWorker();
        }

        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);
        assertThat(backlogCheck().getString("status")).isEqualTo("UP");
    }

    private static JsonPath backlogCheck() {
        JsonPath health = given().get("/q/health/ready").jsonPath();
        health.setRootPath("checks.find { it.name == 'callback-backlog' }");
        return health;
    }
}
