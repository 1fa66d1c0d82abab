package dev.signoff.intake;

import dev.signoff.health.Outages;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One long-polling consumer loop of one queue. Each message is handled in its own transaction (by the handler)
 * and deleted only after that commits and only when the handler says {@link Disposition#DELETE}. Once stopped it
 * finishes the message in hand and hands back at once any message received after the stop was signalled, so
 * nothing is half-done and nothing waits for a visibility timeout. A failure of the database itself pauses
 * receiving ({@link IntakePause}); anything a message makes the loop throw, an {@link Error} included, ends this run
 * and the {@link dev.signoff.health.Supervisor} starts it again.
 */
final class QueuePoller implements Runnable {

    private static final Logger LOG = Logger.getLogger(QueuePoller.class);

    private final String name;
    private final String queueUrl;
    private final Queues queues;
    private final Function<QueueMessage, Disposition> handler;
    private final IntakeConfig config;
    private final IntakePause pause;
    private volatile boolean running = true;

    QueuePoller(
            String name,
            String queueUrl,
            Queues queues,
            Function<QueueMessage, Disposition> handler,
            IntakeConfig config,
            IntakePause pause) {
        this.name = name;
        this.queueUrl = queueUrl;
        this.queues = queues;
        this.handler = handler;
        this.config = config;
        this.pause = pause;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        Duration backoff = config.errorBackoff();
        while (running) {
            if (!pause.awaitOpen(() -> running)) {
                break;
            }
            try {
                List<QueueMessage> batch = queues.receive(queueUrl);
                backoff = config.errorBackoff();
                for (QueueMessage message : batch) {
                    if (!running) {
                        release(message);
                    } else if (!pause.paused()) {
                        handle(message);
                    }
                    // Paused: the message is left alone; it returns after its visibility timeout and waits on the
                    // queue, since nothing receives until the database is back. Releasing it would gain nothing.
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warnf(
                        "Receiving from the %s failed (%s); retrying in %s",
                        name, e.getClass().getSimpleName(), backoff);
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), config.maxErrorBackoff());
            }
        }
    }

    /** Handles one message; any failure leaves it on the queue for redelivery (and, eventually, the DLQ). */
    void handle(QueueMessage message) {
        Disposition disposition;
        try {
            disposition = handler.apply(message);
        } catch (RuntimeException e) {
            String outage = Outages.outageCause(e);
            if (outage != null) {
                LOG.warnf(
                        "Could not take in message %s from the %s: the database is unavailable (%s); it stays on the"
                                + " queue",
                        message.messageId(), name, outage);
                pause.pause(name, outage);
                return;
            }
            LOG.warnf(
                    "Could not take in message %s from the %s (%s); it stays on the queue for redelivery",
                    message.messageId(), name, e.getClass().getSimpleName());
            return;
        }
        if (disposition == Disposition.DELETE) {
            try {
                queues.delete(queueUrl, message);
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Could not delete message %s from the %s (%s); its redelivery will be recognised as a"
                                + " duplicate",
                        message.messageId(), name, e.getClass().getSimpleName());
            }
        }
    }

    private void release(QueueMessage message) {
        try {
            queues.release(queueUrl, message);
        } catch (RuntimeException e) {
            LOG.debugf(
                    "Could not release message %s on shutdown; it returns after its visibility timeout",
                    message.messageId());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
