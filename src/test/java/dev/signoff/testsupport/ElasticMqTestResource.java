package dev.signoff.testsupport;

import dev.signoff.sandbox.EmbeddedSqs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Starts ElasticMQ on a free port with the review queue and its dead-letter queue, and points the app's SqsClient and
 * {@code signoff.intake.*} at them. Init arg {@code max-receive-count} (default 5) sets the redrive threshold.
 */
public class ElasticMqTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String REGION = "us-east-1";
    public static final String QUEUE = "signoff-review-test";
    public static final String DEAD_LETTER_QUEUE = "signoff-review-test-dlq";
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
        // A short visibility timeout lets a message that is left on the queue come back within a test's patience.
        try (var client = sqs.newClient(REGION)) {
            client.setQueueAttributes(r -> r.queueUrl(sqs.queueUrl())
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(VISIBILITY_SECONDS))));
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
                sqs.deadLetterQueueUrl());
    }

    @Override
    public void stop() {
        if (sqs != null) {
            sqs.close();
        }
    }
}
