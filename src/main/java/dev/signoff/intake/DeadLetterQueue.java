package dev.signoff.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/** How many messages wait in the review queue's dead-letter queue ({@code signoff.intake.dead-letter-queue-url}). */
@ApplicationScoped
public class DeadLetterQueue {

    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class);

    private final Queues queues;
    private final IntakeConfig config;

    DeadLetterQueue(Queues queues, IntakeConfig config) {
        this.queues = queues;
        this.config = config;
    }

    /** Empty when no dead-letter queue is configured or SQS could not be asked: the dashboard says "unknown". */
    public OptionalLong depth() {
        if (config.deadLetterQueueUrl().isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(
                    queues.approximateDepth(config.deadLetterQueueUrl().get()));
        } catch (RuntimeException e) {
            LOG.warnf("Could not read the dead-letter queue's depth: %s", e.getMessage());
            return OptionalLong.empty();
        }
    }
}
