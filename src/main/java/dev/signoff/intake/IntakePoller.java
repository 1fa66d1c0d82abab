package dev.signoff.intake;

import dev.signoff.health.Outages;
import dev.signoff.health.Supervisor;
import dev.signoff.health.Worker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Starts and stops the long-polling consumers: {@code pollers} of them on the review queue and, when
 * {@code execution-events-queue-url} is set, one on the execution events queue. On shutdown they stop receiving
 * and finish what they hold within the grace period (see {@link QueuePoller}). Each runs under the
 * {@link Supervisor}, which restarts it after any failure.
 */
@ApplicationScoped
class IntakePoller {

    /** Starts after the sandbox (which may be what serves the queue). */
    static final int START_PRIORITY = 3000;

    private static final Logger LOG = Logger.getLogger(IntakePoller.class);

    private final Queues queues;
    private final IntakeService intake;
    private final IntakeBatch batches;
    private final ExecutionEventService executionEvents;
    private final IntakeConfig config;
    private final IntakePause pause;
    private final Supervisor supervisor;
    private final IntakeMetrics metrics;
    private final List<QueuePoller> pollers = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();

    IntakePoller(
            Queues queues,
            IntakeService intake,
            IntakeBatch batches,
            ExecutionEventService executionEvents,
            IntakeConfig config,
            IntakePause pause,
            Supervisor supervisor,
            IntakeMetrics metrics) {
        this.queues = queues;
        this.intake = intake;
        this.batches = batches;
        this.executionEvents = executionEvents;
        this.config = config;
        this.pause = pause;
        this.supervisor = supervisor;
        this.metrics = metrics;
    }

    void start(@Observes @Priority(START_PRIORITY) StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Intake pollers are disabled (signoff.intake.enabled=false)");
            return;
        }
        int reviewPollers = config.pollers();
        for (int i = 0; i < reviewPollers; i++) {
            QueuePoller poller = QueuePoller.batched(
                    "review queue",
                    config.queueUrl(),
                    queues,
                    batch -> batchCounted(batch, batches::accept),
                    batch -> batchCounted(batch, intake::acceptAll),
                    this::accept,
                    config,
                    pause);
            launch("signoff-intake-" + i, poller);
        }
        LOG.infof("Started %d intake poller(s) on %s", reviewPollers, config.queueUrl());
        // One consumer is plenty: events are few (one per ended execution) and cheap to apply.
        config.executionEventsQueueUrl()
                .ifPresentOrElse(
                        url -> {
                            launch(
                                    "signoff-execution-events",
                                    QueuePoller.perMessage(
                                            "execution events queue",
                                            url,
                                            queues,
                                            executionEvents::accept,
                                            config,
                                            pause));
                            LOG.infof("Started the execution events poller on %s", url);
                        },
                        () -> LOG.info(
                                "No execution events queue configured (signoff.intake.execution-events-queue-url):"
                                        + " reviews of stopped executions stay open until their deadline or a decision finds out"));
    }

    void stop(@Observes ShutdownEvent event) {
        workers.forEach(Worker::stop);
        pollers.forEach(QueuePoller::stop);
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        for (Worker worker : workers) {
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.clear();
        pollers.clear();
    }

    /** One review-queue message; a failure is counted here, the only place that sees it after the rollback. */
    private Disposition accept(QueueMessage message) {
        try {
            return intake.accept(message);
        } catch (RuntimeException e) {
            metrics.failed();
            throw e;
        }
    }

    /**
     * A review-queue batch; only a database outage is counted here (for each message): a message that fails within
     * the batch is taken in again on its own, and counted by {@link #accept} if it fails there too.
     */
    private List<Disposition> batchCounted(
            List<QueueMessage> batch, Function<List<QueueMessage>, List<Disposition>> handler) {
        try {
            return handler.apply(batch);
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                batch.forEach(m -> metrics.failed());
            }
            throw e;
        }
    }

    private void launch(String threadName, QueuePoller poller) {
        pollers.add(poller);
        workers.add(supervisor.start(threadName, poller));
    }
}
