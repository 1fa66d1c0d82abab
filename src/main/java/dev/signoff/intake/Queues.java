package dev.signoff.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The one place Signoff talks to SQS: the review queue, the execution events queue and the review DLQ. */
@ApplicationScoped
class Queues {

    private final SqsClient sqs;
    private final IntakeConfig config;

    Queues(SqsClient sqs, IntakeConfig config) {
        this.sqs = sqs;
        this.config = config;
    }

    List<QueueMessage> receive(String queueUrl) {
        return sqs
                .receiveMessage(r -> r.queueUrl(queueUrl)
                        // In SQS's ranges already: IntakeConfig refuses others at start-up.
                        .maxNumberOfMessages(config.batchSize())
                        .waitTimeSeconds(config.waitSeconds())
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages()
                .stream()
                .map(Queues::toDomain)
                .toList();
    }

    void delete(String queueUrl, QueueMessage message) {
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }

    /**
     * Deletes up to 10 messages (one receive's worth) in one DeleteMessageBatch call. SQS answers per message: those
     * it did not delete come back with its error code, the others are gone.
     */
    List<Undeleted> deleteAll(String queueUrl, List<QueueMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<DeleteMessageBatchRequestEntry> entries = IntStream.range(0, messages.size())
                .mapToObj(i -> DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(messages.get(i).receiptHandle())
                        .build())
                .toList();
        return sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed().stream()
                .map(f -> new Undeleted(messages.get(Integer.parseInt(f.id())), f.code()))
                .toList();
    }

    /** A message a batch delete left on the queue, and SQS's error code for it. */
    record Undeleted(QueueMessage message, String code) {}

    /** Hands a message back at once instead of waiting out its visibility timeout (used on shutdown). */
    void release(String queueUrl, QueueMessage message) {
        sqs.changeMessageVisibility(
                r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
    }

    /**
     * Up to 10 messages (SQS's limit per receive), hidden from other consumers for {@code holdSeconds} and not waited
     * for: the dead-letter page's read. The caller releases or deletes each one.
     */
    List<Held> receiveHeld(String queueUrl, int holdSeconds) {
        return sqs
                .receiveMessage(r -> r.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(0)
                        .visibilityTimeout(holdSeconds)
                        .messageSystemAttributeNames(
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP,
                                MessageSystemAttributeName.SENT_TIMESTAMP))
                .messages()
                .stream()
                .map(m -> new Held(
                        toDomain(m),
                        epochMillis(m, MessageSystemAttributeName.SENT_TIMESTAMP),
                        epochMillis(m, MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP)))
                .toList();
    }

    void send(String queueUrl, String body) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }

    /** A message received with its timestamps; either may be null when SQS did not say. */
    record Held(QueueMessage message, Instant sentAt, Instant firstReceivedAt) {}

    /** ApproximateNumberOfMessages: what waits there, not counting messages in flight. */
    long approximateDepth(String queueUrl) {
        String value = sqs.getQueueAttributes(
                        r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** Asks SQS for one attribute of the queue within {@code timeout} (SDK retries included); throws when it cannot. */
    void probe(String queueUrl, Duration timeout) {
        sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                .overrideConfiguration(c -> c.apiCallTimeout(timeout)));
    }

    private static Instant epochMillis(Message m, MessageSystemAttributeName name) {
        String value = m.attributes().get(name);
        return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value));
    }

    private static QueueMessage toDomain(Message m) {
        String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new QueueMessage(
                m.messageId(), m.receiptHandle(), m.body(), count == null ? 1 : Integer.parseInt(count));
    }
}
