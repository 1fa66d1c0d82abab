package dev.signoff.intake;

import static dev.signoff.testsupport.Patience.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.DatabaseProxyTestResource;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.TcpProxy;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The database goes away for longer than maxReceiveCount x the visibility timeout, by a proxy between the app and
 * PostgreSQL. Receiving on as before would have moved every request that arrived meanwhile to the dead-letter queue.
 */
@QuarkusTest
@WithTestResource(
        value = ElasticMqTestResource.class,
        initArgs = @ResourceArg(name = "max-receive-count", value = DatabaseOutageTest.MAX_RECEIVE_COUNT))
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(DatabaseProxyTestResource.class)
class DatabaseOutageTest {

    static final String MAX_RECEIVE_COUNT = "3";
    /** Long enough for every message received once at the start to be received maxReceiveCount more times. */
    private static final Duration OUTAGE = Duration.ofSeconds(
            (Integer.parseInt(MAX_RECEIVE_COUNT) + 1L) * ElasticMqTestResource.VISIBILITY_SECONDS + 2);

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.intake.dead-letter-queue-url")
    String deadLetterQueueUrl;

    @ConfigProperty(name = "signoff.intake.execution-events-queue-url")
    String eventsQueueUrl;

    @AfterEach
    void restore() {
        DatabaseProxyTestResource.proxy().restore();
    }

    @Test
    void requests_and_end_events_sent_during_a_database_outage_are_taken_in_after_it_and_none_reaches_a_dlq() {
        TcpProxy database = DatabaseProxyTestResource.proxy();
        StartedExecution before = Workflows.start(sqs, queueUrl, 3600);
        UUID stopped = ReviewTasks.awaitTask(before);
        assertThat(database.forwarded())
                .as("the app reaches PostgreSQL through the proxy")
                .isPositive();

        database.cut();
        long cutAt = System.nanoTime();
        List<StartedExecution> during = IntStream.range(0, 3)
                .mapToObj(i -> Workflows.start(sqs, queueUrl, 3600))
                .toList();
        sqs.sendMessage(r -> r.queueUrl(eventsQueueUrl)
                .messageBody(ExecutionEventsTest.event(
                        "aborted",
                        before.executionArn(),
                        StepFunctionsTestResource.clock().instant())));

        await().until(() -> intakeCheck().getString("status").equals("DOWN"));
        assertThat(intakeCheck().getBoolean("data.receiving")).isFalse();
        // The outage lasts long enough, by the proxy's side of it, for the old loop to have sent everything to the DLQ.
        await().atMost(OUTAGE.plusSeconds(60)).until(() -> System.nanoTime() - cutAt > OUTAGE.toNanos());
        assertThat(database.refused()).as("the app kept trying the database").isPositive();
        database.restore();

        during.forEach(ReviewTasks::awaitTask);
        await().until(() -> ReviewTasks.statusOf(stopped) == TaskStatus.CANCELLED);
        await().until(() -> intakeCheck().getString("status").equals("UP"));
        assertThat(messagesIn(deadLetterQueueUrl)).isZero();
        assertThat(messagesIn(sqs.getQueueUrl(r -> r.queueName(ElasticMqTestResource.EVENTS_DEAD_LETTER_QUEUE))
                        .queueUrl()))
                .isZero();
    }

    private static JsonPath intakeCheck() {
        JsonPath health = given().get("/q/health/ready").jsonPath();
        health.setRootPath("checks.find { it.name == 'intake' }");
        return health;
    }

    private int messagesIn(String url) {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNamesWithStrings(
                                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
                + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }
}
