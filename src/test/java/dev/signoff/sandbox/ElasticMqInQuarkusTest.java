package dev.signoff.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
class ElasticMqInQuarkusTest {

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.intake.dead-letter-queue-url")
    String deadLetterQueueUrl;

    @Test
    void poison_message_moves_to_dead_letter_queue_after_max_receive_count_receives() {
        String body = "{\"poison\":\"" + UUID.randomUUID() + "\"}";
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));

        for (int receive = 1; receive <= ElasticMqTestResource.DEFAULT_MAX_RECEIVE_COUNT; receive++) {
            assertThat(receiveImmediatelyVisible(queueUrl))
                    .as("receive %d", receive)
                    .extracting(Message::body)
                    .containsExactly(body);
        }

        assertThat(receiveImmediatelyVisible(queueUrl)).isEmpty();
        List<Message> deadLetters = receiveImmediatelyVisible(deadLetterQueueUrl);
        assertThat(deadLetters).extracting(Message::body).containsExactly(body);
        sqs.deleteMessage(r ->
                r.queueUrl(deadLetterQueueUrl).receiptHandle(deadLetters.get(0).receiptHandle()));
    }

    /* Visibility timeout 0 makes a received message visible again at once, so the test never waits on a clock. */
    private List<Message> receiveImmediatelyVisible(String url) {
        return sqs.receiveMessage(r ->
                        r.queueUrl(url).visibilityTimeout(0).waitTimeSeconds(0).maxNumberOfMessages(10))
                .messages();
    }
}
