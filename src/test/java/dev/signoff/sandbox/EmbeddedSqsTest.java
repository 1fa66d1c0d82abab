package dev.signoff.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EmbeddedSqsTest {

    private static EmbeddedSqs.Settings settings(int port, int maxReceiveCount) {
        return new EmbeddedSqs.Settings("127.0.0.1", port, "us-east-1", "reviews", "reviews-dlq", maxReceiveCount);
    }

    @Test
    void ephemeral_port_is_reported_and_queues_carry_the_redrive_policy() {
        try (var sqs = EmbeddedSqs.start(settings(0, 3));
                var client = sqs.newClient("us-east-1")) {
            assertThat(sqs.port()).isPositive();
            assertThat(sqs.queueUrl())
                    .startsWith("http://127.0.0.1:" + sqs.port() + "/")
                    .endsWith("/reviews");
            assertThat(sqs.deadLetterQueueUrl()).endsWith("/reviews-dlq");

            var attributes = client.getQueueAttributes(
                            r -> r.queueUrl(sqs.queueUrl()).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                    .attributes();
            assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                    .contains("arn:aws:sqs:us-east-1:000000000000:reviews-dlq")
                    .contains("\"maxReceiveCount\":3");
        }
    }

    @Test
    void message_moves_to_dead_letter_queue_after_max_receive_count_receives() {
        try (var sqs = EmbeddedSqs.start(settings(0, 2));
                var client = sqs.newClient("us-east-1")) {
            client.sendMessage(r -> r.queueUrl(sqs.queueUrl()).messageBody("{\"poison\":true}"));

            for (int receive = 1; receive <= 2; receive++) {
                assertThat(receiveImmediatelyVisible(client, sqs.queueUrl()))
                        .as("receive %d", receive)
                        .hasSize(1);
            }
            assertThat(receiveImmediatelyVisible(client, sqs.queueUrl())).isEmpty();
            assertThat(receiveImmediatelyVisible(client, sqs.deadLetterQueueUrl()))
                    .singleElement()
                    .extracting(Message::body)
                    .isEqualTo("{\"poison\":true}");
        }
    }

    @Test
    void created_queue_such_as_the_execution_events_queue_takes_messages_and_creating_it_again_is_harmless() {
        try (var sqs = EmbeddedSqs.start(settings(0, 5));
                var client = sqs.newClient("us-east-1")) {
            String url = sqs.createQueue("signoff-execution-events");
            assertThat(sqs.createQueue("signoff-execution-events")).isEqualTo(url);
            assertThat(url).isEqualTo("http://127.0.0.1:" + sqs.port() + "/000000000000/signoff-execution-events");

            client.sendMessage(r -> r.queueUrl(url).messageBody("{\"source\":\"aws.states\"}"));

            assertThat(receiveImmediatelyVisible(client, url))
                    .singleElement()
                    .extracting(Message::body)
                    .isEqualTo("{\"source\":\"aws.states\"}");
        }
    }

    @Test
    void close_releases_the_port() throws Exception {
        int port;
        try (var sqs = EmbeddedSqs.start(settings(0, 5))) {
            port = sqs.port();
        }
        try (var socket = new ServerSocket(port)) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void settings_reject_a_max_receive_count_below_one() {
        assertThatThrownBy(() -> settings(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxReceiveCount");
    }

    /* Visibility timeout 0 makes a received message visible again at once, so no test waits on a clock. */
    private static List<Message> receiveImmediatelyVisible(SqsClient client, String queueUrl) {
        return client.receiveMessage(r -> r.queueUrl(queueUrl)
                        .visibilityTimeout(0)
                        .waitTimeSeconds(0)
                        .maxNumberOfMessages(10))
                .messages();
    }
}
