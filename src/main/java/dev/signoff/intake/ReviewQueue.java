package dev.signoff.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The one place Signoff talks to SQS. */
@ApplicationScoped
class ReviewQueue {

    private final SqsClient sqs;
    private final IntakeConfig config;

    ReviewQueue(SqsClient sqs, IntakeConfig config) {
        this.sqs = sqs;
        this.config = config;
    }

    List<QueueMessage> receive() {
        return sqs
                .receiveMessage(r -> r.queueUrl(config.queueUrl())
                        .maxNumberOfMessages(Math.max(1, Math.min(10, config.batchSize())))
                        .waitTimeSeconds(Math.max(0, Math.min(20, config.waitSeconds())))
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages()
                .stream()
                .map(ReviewQueue::toDomain)
                .toList();
    }

    void delete(QueueMessage message) {
        sqs.deleteMessage(r -> r.queueUrl(config.queueUrl()).receiptHandle(message.receiptHandle()));
    }

    /** Hands a message back at once instead of waiting out its visibility timeout (used on shutdown). */
    void release(QueueMessage message) {
        sqs.changeMessageVisibility(r -> r.queueUrl(config.queueUrl())
                .receiptHandle(message.receiptHandle())
                .visibilityTimeout(0));
    }

    private static QueueMessage toDomain(Message m) {
        String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new QueueMessage(
                m.messageId(), m.receiptHandle(), m.body(), count == null ? 1 : Integer.parseInt(count));
    }
}
