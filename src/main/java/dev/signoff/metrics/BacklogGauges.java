package dev.signoff.metrics;

import dev.signoff.admin.AdminDashboard;
import dev.signoff.admin.Backlog;
import dev.signoff.decision.DispatchBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * The gauges that need the database or SQS. They are read on a schedule ({@code signoff.metrics.refresh-interval})
 * through the dashboard's indexed, capped queries, never on a scrape: a scrape reads the last values, and ages are
 * counted from the instants read, so they keep growing between refreshes. Until the first read, and while the DLQ
 * cannot be asked, a gauge reads NaN (no sample), never a made-up zero.
 */
@Startup
@ApplicationScoped
class BacklogGauges {

    static final String WAITING = "signoff.tasks.waiting";
    static final String OLDEST_WAITING = "signoff.tasks.oldest.waiting.age";
    static final String QUARANTINED = "signoff.quarantine.open";
    static final String HEARTBEAT_LAG = "signoff.heartbeat.lag";
    static final String BACKLOG = "signoff.dispatch.backlog.age";
    static final String DLQ_DEPTH = "signoff.dlq.depth";

    private static final Logger LOG = Logger.getLogger(BacklogGauges.class);

    private final AdminDashboard dashboard;
    private final DispatchBacklog dispatch;
    private final MetricsConfig config;
    private final Clock clock;
    private final MultiGauge waiting;
    private volatile Read last;

    /** One refresh's values. */
    private record Read(Backlog backlog, Duration dispatchBehind, OptionalLong deadLetters) {}

    BacklogGauges(
            MeterRegistry registry,
            AdminDashboard dashboard,
            DispatchBacklog dispatch,
            MetricsConfig config,
            Clock clock) {
        this.dashboard = dashboard;
        this.dispatch = dispatch;
        this.config = config;
        this.clock = clock;
        this.waiting = MultiGauge.builder(WAITING)
                .description("Waiting (PENDING) review tasks by workflow, counted up to 10,001 in all")
                .register(registry);
        gauge(
                registry,
                OLDEST_WAITING,
                "How long the longest-waiting task has waited",
                "seconds",
                r -> age(r.backlog().oldestWaitingSince()));
        gauge(
                registry,
                QUARANTINED,
                "Quarantined requests nobody dismissed (up to 10,001)",
                null,
                r -> r.backlog().quarantined());
        gauge(
                registry,
                HEARTBEAT_LAG,
                "How late the most overdue heartbeat is (0: none overdue)",
                "seconds",
                r -> age(r.backlog().oldestHeartbeatDue()));
        gauge(
                registry,
                BACKLOG,
                "How long the oldest due callback has waited to be sent",
                "seconds",
                r -> r.dispatchBehind().toMillis() / 1000.0);
        gauge(
                registry,
                DLQ_DEPTH,
                "Messages in the review queue's dead-letter queue (NaN: unknown)",
                null,
                r -> r.deadLetters().isPresent() ? r.deadLetters().getAsLong() : Double.NaN);
    }

    @Scheduled(
            every = "${signoff.metrics.refresh-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The last values stay; readiness tells a database outage.
            LOG.warnf(
                    "Could not refresh the backlog gauges (%s); keeping the last values",
                    e.getClass().getSimpleName());
        }
    }

    /** Reads every value now. */
    void refresh() {
        Backlog backlog = dashboard.backlog();
        last = new Read(backlog, dispatch.behind(), dashboard.deadLetters());
        waiting.register(
                WorkflowLabels.capped(backlog.waitingByWorkflow(), config.maxWorkflows()).entrySet().stream()
                        .map(e -> MultiGauge.Row.of(Tags.of("workflow", e.getKey()), e.getValue()))
                        .toList(),
                true);
    }

    private void gauge(
            MeterRegistry registry, String name, String description, String unit, ToDoubleFunction<Read> value) {
        Gauge.builder(name, this, g -> g.last == null ? Double.NaN : value.applyAsDouble(g.last))
                .description(description)
                .baseUnit(unit)
                .register(registry);
    }

    /** Seconds since {@code since}, or 0 when there is nothing (nothing waits, no heartbeat due) or it lies ahead. */
    private double age(Instant since) {
        if (since == null) {
            return 0;
        }
        return Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }
}
