package dev.signoff.testsupport;

import dev.signoff.sandbox.EmbeddedSqs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Starts ElasticMQ on a free port with the review queue, the execution events queue and their dead-letter queues, and
 * points the app's SqsClient and {@code signoff.intake.*} at them. Init arg {@code max-receive-count} (default 5) sets the redrive threshold.
 */
public class ElasticMqTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String REGION = "us-east-1";
    public static final String QUEUE = "signoff-review-test";
    public static final String DEAD_LETTER_QUEUE = "signoff-review-test-dlq";
    public static final String EVENTS_QUEUE = "signoff-execution-events-test";
    public static final String EVENTS_DEAD_LETTER_QUEUE = "signoff-execution-events-test-dlq";
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 5;
    public static final int VISIBILITY_SECONDS = 2;

    private int maxReceiveCount = DEFAULT_MAX_RECEIVE_COUNT;
    private EmbeddedSqs sqs;

    @Override
    public void init(Map<String, String> initArgs) {
        maxReceiveCount =
                Integer.parseInt(initArgs.getOrDefault("max-receive-count", String.valueOf(DEFAULT_MAX_RECEIVE_COUNT)));
    }

    @Override
    public Map<String, String> start() {
        sqs = EmbeddedSqs.start(
                new EmbeddedSqs.Settings("127.0.0.1", 0, REGION, QUEUE, DEAD_LETTER_QUEUE, maxReceiveCount));
        String eventsQueueUrl;
        // A short visibility timeout lets a message that is left on the queue come back within a test's patience.
        try (var client = sqs.newClient(REGION)) {
            client.setQueueAttributes(r -> r.queueUrl(sqs.queueUrl())
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(VISIBILITY_SECONDS))));
            // The execution events queue as infra/cloudformation/signoff-queues.yaml makes it: its own DLQ.
            String eventsDeadLetterQueueUrl = client.createQueue(r -> r.queueName(EVENTS_DEAD_LETTER_QUEUE))
                    .queueUrl();
            String redrivePolicy = "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%d\"}"
                    .formatted(arnOf(client, eventsDeadLetterQueueUrl), maxReceiveCount);
            eventsQueueUrl = client.createQueue(r -> r.queueName(EVENTS_QUEUE)
                            .attributes(Map.of(
                                    QueueAttributeName.REDRIVE_POLICY,
                                    redrivePolicy,
                                    QueueAttributeName.VISIBILITY_TIMEOUT,
                                    String.valueOf(VISIBILITY_SECONDS))))
                    .queueUrl();
        }
        return Map.of(
                "quarkus.sqs.endpoint-override",
                sqs.endpoint().toString(),
                "quarkus.sqs.aws.region",
                REGION,
                "quarkus.sqs.aws.credentials.type",
                "static",
                "quarkus.sqs.aws.credentials.static-provider.access-key-id",
                EmbeddedSqs.ACCESS_KEY,
                "quarkus.sqs.aws.credentials.static-provider.secret-access-key",
                EmbeddedSqs.SECRET_KEY,
                "signoff.intake.queue-url",
                sqs.queueUrl(),
                "signoff.intake.dead-letter-queue-url",
                sqs.deadLetterQueueUrl(),
                "signoff.intake.execution-events-queue-url",
                eventsQueueUrl);
    }

    private static String arnOf(SqsClient client, String queueUrl) {
        return client.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    @Override
    public void stop() {
        if (sqs != null) {
            sqs.close();
        }
    }
}
