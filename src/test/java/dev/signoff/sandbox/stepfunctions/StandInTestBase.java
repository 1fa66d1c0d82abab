package dev.signoff.sandbox.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.testsupport.LocalElasticMq;
import dev.signoff.testsupport.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A real ElasticMQ for the class, and per test a fresh stand-in on a {@link MutableClock} that records its status
 * change events, a queue, and an SfnClient without retries (so every error is seen as the service sent it).
 */
abstract class StandInTestBase {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    static LocalElasticMq elasticMq;
    static SqsClient sqs;

    MutableClock clock;
    /** The status change events the stand-in sent, in order; {@link #statusChangeListener} may be replaced. */
    final List<String> statusChanges = new CopyOnWriteArrayList<>();

    StatusChangeListener statusChangeListener = statusChanges::add;
    StepFunctionsStandIn standIn;
    SfnClient sfn;
    String queueUrl;

    @BeforeAll
    static void startElasticMq() {
        elasticMq = LocalElasticMq.start();
        sqs = elasticMq.client();
    }

    @AfterAll
    static void stopElasticMq() {
        elasticMq.close();
    }

    @BeforeEach
    void startStandIn() {
        clock = MutableClock.frozenAt(T0);
        standIn = StepFunctionsStandIn.start(0, clock, event -> statusChangeListener.statusChanged(event));
        sfn = sfnClient(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        queueUrl = sqs.createQueue(b -> b.queueName("reviews-" + UUID.randomUUID()))
                .queueUrl();
    }

    @AfterEach
    void stopStandIn() {
        sfn.close();
        standIn.close();
    }

    SfnClient sfnClient(Consumer<ClientOverrideConfiguration.Builder> overrides) {
        return SfnClient.builder()
                .endpointOverride(standIn.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(overrides)
                .build();
    }

    /** Starts an execution whose review request carries the context as JSON, the way a Task's Parameters would. */
    StartedExecution startExecution(WaitForTaskTokenTask task) {
        return standIn.startWaitingExecution(task, sqs, queueUrl, StandInTestBase::reviewRequest);
    }

    StartedExecution startExecution(long timeoutSeconds) {
        return startExecution(WaitForTaskTokenTask.of("review-flow", "HumanReview", timeoutSeconds));
    }

    static String reviewRequest(TaskContext context) {
        return JSON.createObjectNode()
                .put("taskToken", context.taskToken())
                .put("executionArn", context.executionArn())
                .put("stateMachineArn", context.stateMachineArn())
                .put("stateName", context.stateName())
                .put("enteredAt", context.enteredAt().toString())
                .toString();
    }

    /** The one review request on the queue, as JSON. */
    JsonNode receiveReviewRequest() throws Exception {
        List<Message> messages = sqs.receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertThat(messages).hasSize(1);
        return JSON.readTree(messages.get(0).body());
    }
}
