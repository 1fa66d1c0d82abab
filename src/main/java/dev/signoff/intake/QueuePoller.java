package dev.signoff.intake;

import dev.signoff.health.Outages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One long-polling consumer loop of one queue. A message is deleted only after the transaction that took it in
 * commits and only when the handler says {@link Disposition#DELETE}. A batched poller ({@link #batched}) takes in
 * each received batch in one transaction and deletes it in one call; a message that fails within the batch is taken
 * in again on its own, the way a per-message poller ({@link #perMessage}) takes in every message. Once stopped it
 * finishes the batch in hand and hands back at once any message received after the stop was signalled, so nothing
 * is half-done and nothing waits for a visibility timeout. A failure of the database itself pauses receiving
 * ({@link IntakePause}); anything a message makes the loop throw, an {@link Error} included, ends this run and the
 * {@link dev.signoff.health.Supervisor} starts it again.
 */
final class QueuePoller implements Runnable {

    private static final Logger LOG = Logger.getLogger(QueuePoller.class);

    private final String name;
    private final String queueUrl;
    private final Queues queues;
    private final Function<QueueMessage, Disposition> handler;
    private final Function<List<QueueMessage>, List<Disposition>> batchHandler;
    private final Function<List<QueueMessage>, List<Disposition>> eachHandler;
    private final IntakeConfig config;
    private final IntakePause pause;
    private volatile boolean running = true;

    private QueuePoller(
            String name,
            String queueUrl,
            Queues queues,
            Function<QueueMessage, Disposition> handler,
            Function<List<QueueMessage>, List<Disposition>> batchHandler,
            Function<List<QueueMessage>, List<Disposition>> eachHandler,
            IntakeConfig config,
            IntakePause pause) {
        this.name = name;
        this.queueUrl = queueUrl;
        this.queues = queues;
        this.handler = handler;
        this.batchHandler = batchHandler;
        this.eachHandler = eachHandler;
        this.config = config;
        this.pause = pause;
    }

    /** Each message in a transaction of its own, deleted on its own. */
    static QueuePoller perMessage(
            String name,
            String queueUrl,
            Queues queues,
            Function<QueueMessage, Disposition> handler,
            IntakeConfig config,
            IntakePause pause) {
        return new QueuePoller(name, queueUrl, queues, handler, null, null, config, pause);
    }

    /**
     * Each received batch through {@code batchHandler} (one transaction; it throws {@link BatchFailure} when it can
     * name a message that failed, anything else when it cannot), deleted in one call. A batch that failed without a
     * message named goes through {@code eachHandler} (one transaction, one message after the other, which names the
     * failing message); {@code handler} takes in a message that failed within its batch.
     */
    static QueuePoller batched(
            String name,
            String queueUrl,
            Queues queues,
            Function<List<QueueMessage>, List<Disposition>> batchHandler,
            Function<List<QueueMessage>, List<Disposition>> eachHandler,
            Function<QueueMessage, Disposition> handler,
            IntakeConfig config,
            IntakePause pause) {
        return new QueuePoller(name, queueUrl, queues, handler, batchHandler, eachHandler, config, pause);
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
                if (batchHandler != null && batch.size() > 1 && running && !pause.paused()) {
                    handleBatch(batch);
                    continue;
                }
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

    /**
     * Takes in a batch in one transaction and deletes what it says to delete in one call. A message that fails within
     * the batch is taken in on its own ({@link #handle}: as if it had come alone), and the rest again as a batch. A
     * batch that fails without naming a message is taken in again one message after the other, which names it; when
     * even that fails without a name (the commit itself failed), each message is taken in on its own.
     */
    void handleBatch(List<QueueMessage> batch) {
        List<QueueMessage> pending = new ArrayList<>(batch);
        boolean oneByOne = false;
        while (pending.size() > 1 && !pause.paused()) {
            List<Disposition> dispositions;
            try {
                dispositions = (oneByOne ? eachHandler : batchHandler).apply(pending);
            } catch (BatchFailure failure) {
                if (pauseOnOutage(failure, pending.size())) {
                    return;
                }
                QueueMessage failed = pending.remove(failure.index());
                LOG.debugf(
                        "Message %s failed within its batch (%s); taking it in on its own",
                        failed.messageId(), failure.getCause().getClass().getSimpleName());
                handle(failed);
                oneByOne = false;
                continue;
            } catch (RuntimeException e) {
                if (pauseOnOutage(e, pending.size())) {
                    return;
                }
                if (!oneByOne) {
                    LOG.debugf(
                            "A batch of %d messages from the %s failed together (%s); taking it in one message after"
                                    + " the other to find the one",
                            pending.size(), name, e.getClass().getSimpleName());
                    oneByOne = true;
                    continue;
                }
                LOG.warnf(
                        "Could not commit a batch of %d messages from the %s (%s); taking each in on its own",
                        pending.size(), name, e.getClass().getSimpleName());
                break;
            }
            deleteAll(pending, dispositions);
            return;
        }
        for (QueueMessage message : pending) {
            if (!pause.paused()) {
                handle(message);
            }
        }
    }

    private boolean pauseOnOutage(RuntimeException e, int messages) {
        String outage = Outages.outageCause(e);
        if (outage == null) {
            return false;
        }
        LOG.warnf(
                "Could not take in a batch of %d messages from the %s: the database is unavailable (%s); they stay on"
                        + " the queue",
                messages, name, outage);
        pause.pause(name, outage);
        return true;
    }

    private void deleteAll(List<QueueMessage> batch, List<Disposition> dispositions) {
        List<QueueMessage> done = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (dispositions.get(i) == Disposition.DELETE) {
                done.add(batch.get(i));
            }
        }
        try {
            for (Queues.Undeleted left : queues.deleteAll(queueUrl, done)) {
                LOG.warnf(
                        "Could not delete message %s from the %s (%s); its redelivery will be recognised as a"
                                + " duplicate",
                        left.message().messageId(), name, left.code());
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not delete %d messages from the %s (%s); their redeliveries will be recognised as"
                            + " duplicates",
                    done.size(), name, e.getClass().getSimpleName());
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
