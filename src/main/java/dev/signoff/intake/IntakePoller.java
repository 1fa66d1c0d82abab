package dev.signoff.intake;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Long-polling consumers of the review queue. Each message is handled in its own transaction and deleted only
 * after that commits. On shutdown the pollers stop receiving, finish the batch in hand, and hand back at once any
 * message received after the stop was signalled, so nothing is half-done and nothing waits for a visibility timeout.
 */
@ApplicationScoped
class IntakePoller {

    /** Starts after the sandbox (which may be what serves the queue). */
    static final int START_PRIORITY = 3000;

    private static final Logger LOG = Logger.getLogger(IntakePoller.class);

    private final ReviewQueue queue;
    private final IntakeService intake;
    private final IntakeConfig config;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    IntakePoller(ReviewQueue queue, IntakeService intake, IntakeConfig config) {
        this.queue = queue;
        this.intake = intake;
        this.config = config;
    }

    void start(@Observes @Priority(START_PRIORITY) StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Intake pollers are disabled (signoff.intake.enabled=false)");
            return;
        }
        running = true;
        for (int i = 0; i < Math.max(1, config.pollers()); i++) {
            Thread thread = new Thread(this::pollLoop, "signoff-intake-" + i);
            thread.start();
            threads.add(thread);
        }
        LOG.infof("Started %d intake poller(s) on %s", threads.size(), config.queueUrl());
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    private void pollLoop() {
        Duration backoff = config.errorBackoff();
        while (running) {
            try {
                List<QueueMessage> batch = queue.receive();
                backoff = config.errorBackoff();
                for (QueueMessage message : batch) {
                    if (running) {
                        handle(message);
                    } else {
                        release(message);
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warnf(
                        "Receiving from the review queue failed (%s); retrying in %s",
                        e.getClass().getSimpleName(), backoff);
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), config.maxErrorBackoff());
            }
        }
    }

    /** Handles one message; any failure leaves it on the queue for redelivery (and, eventually, the DLQ). */
    void handle(QueueMessage message) {
        IntakeService.Disposition disposition;
        try {
            disposition = intake.accept(message);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not take in message %s (%s); it stays on the queue for redelivery",
                    message.messageId(), e.getClass().getSimpleName());
            return;
        }
        if (disposition == IntakeService.Disposition.DELETE) {
            try {
                queue.delete(message);
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Could not delete message %s (%s); its redelivery will be recognised as a duplicate",
                        message.messageId(), e.getClass().getSimpleName());
            }
        }
    }

    private void release(QueueMessage message) {
        try {
            queue.release(message);
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
