package dev.signoff.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The one place Signoff talks to SQS: the review queue and the execution events queue. */
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

    /** Hands a message back at once instead of waiting out its visibility timeout (used on shutdown). */
    void release(String queueUrl, QueueMessage message) {
        sqs.changeMessageVisibility(
                r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
    }

    /** ApproximateNumberOfMessages: what waits there, not counting messages in flight. */
    long approximateDepth(String queueUrl) {
        String value = sqs.getQueueAttributes(
                        r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static QueueMessage toDomain(Message m) {
        String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new QueueMessage(
                m.messageId(), m.receiptHandle(), m.body(), count == null ? 1 : Integer.parseInt(count));
    }
}
