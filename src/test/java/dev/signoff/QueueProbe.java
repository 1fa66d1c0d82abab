package dev.signoff;

import dev.signoff.sandbox.EmbeddedSqs;
import dev.signoff.testsupport.ElasticMqTestResource;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The test's own view of the ElasticMQ queues the app under test reads: what is waiting, what is in flight. */
final class QueueProbe implements AutoCloseable {

    private static final String VISIBLE = "ApproximateNumberOfMessages";
    private static final String IN_FLIGHT = "ApproximateNumberOfMessagesNotVisible";
    private static final String DELAYED = "ApproximateNumberOfMessagesDelayed";

    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;

    /** Takes the app settings {@link ElasticMqTestResource#start()} returned. */
    QueueProbe(Map<String, String> sqsConfig) {
        this.sqs = SqsClient.builder()
                .endpointOverride(URI.create(sqsConfig.get("quarkus.sqs.endpoint-override")))
                .region(Region.of(ElasticMqTestResource.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedSqs.ACCESS_KEY, EmbeddedSqs.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.queueUrl = sqsConfig.get("signoff.intake.queue-url");
        this.deadLetterQueueUrl = sqsConfig.get("signoff.intake.dead-letter-queue-url");
    }

    SqsClient client() {
        return sqs;
    }

    String queueUrl() {
        return queueUrl;
    }

    /** Messages on the review queue: waiting, in flight or delayed. */
    int depth() {
        return depth(queueUrl);
    }

    int deadLetterDepth() {
        return depth(deadLetterQueueUrl);
    }

    /** Messages some consumer received and neither deleted nor handed back, until their visibility timeout. */
    int inFlight() {
        return Integer.parseInt(attributes(queueUrl).get(IN_FLIGHT));
    }

    void setVisibilityTimeout(int seconds) {
        sqs.setQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(seconds))));
    }

    @Override
    public void close() {
        sqs.close();
    }

    private int depth(String url) {
        Map<String, String> attributes = attributes(url);
        return Integer.parseInt(attributes.get(VISIBLE))
                + Integer.parseInt(attributes.get(IN_FLIGHT))
                + Integer.parseInt(attributes.get(DELAYED));
    }

    private Map<String, String> attributes(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings(VISIBLE, IN_FLIGHT, DELAYED))
                .attributesAsStrings();
    }
}
