package dev.signoff.intake;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Stops every poller of this instance from receiving while the database is unavailable. Receiving a message Signoff
 * cannot store only raises its receive count, and after maxReceiveCount the queue moves it to the dead-letter queue:
 * an outage of a few visibility timeouts would empty the queue into the DLQ. So the first poller that meets a database
 * failure (see {@link dev.signoff.health.Outages}) pauses them all; while paused nothing is received, and the
 * database is probed (one short connection check) after a pause that doubles from {@code error-backoff} to
 * {@code max-error-backoff}. The messages in hand come back after their visibility timeout and wait on the queue,
 * their receive counts untouched, until the probe succeeds. Readiness is DOWN meanwhile ({@link IntakeHealth}).
 */
@ApplicationScoped
class IntakePause {

    private static final Logger LOG = Logger.getLogger(IntakePause.class);
    private static final long WAIT_SLICE_MILLIS = 200;

    private final AgroalDataSource database;
    private final IntakeConfig config;
    private final Clock clock;

    private volatile Instant pausedSince;
    private volatile String cause;
    private volatile long probes;
    private Duration backoff;
    private long nextProbeNanos;

    IntakePause(AgroalDataSource database, IntakeConfig config, Clock clock) {
        this.database = database;
        this.config = config;
        this.clock = clock;
    }

    /** Pauses receiving because {@code failure} (secret-free: class and SQLState) says the database is unavailable. */
    synchronized void pause(String queueName, String failure) {
        if (pausedSince == null) {
            pausedSince = clock.instant();
            backoff = config.errorBackoff();
            probes = 0;
            LOG.warnf(
                    "The database is unavailable (%s, on the %s); intake stops receiving and checks again in %s",
                    failure, queueName, backoff);
        }
        cause = failure;
        nextProbeNanos = System.nanoTime() + backoff.toNanos();
    }

    boolean paused() {
        return pausedSince != null;
    }

    Instant pausedSince() {
        return pausedSince;
    }

    String cause() {
        return cause;
    }

    long probes() {
        return probes;
    }

    /**
     * Returns at once while not paused; otherwise waits, probing the database when due, until it is reachable
     * (true) or {@code running} turns false (false).
     */
    boolean awaitOpen(BooleanSupplier running) {
        while (pausedSince != null) {
            synchronized (this) {
                if (pausedSince == null) {
                    break;
                }
                if (!running.getAsBoolean()) {
                    return false;
                }
                long now = System.nanoTime();
                if (now >= nextProbeNanos) {
                    probe();
                    continue;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(
                            this, Math.min(nextProbeNanos - now, TimeUnit.MILLISECONDS.toNanos(WAIT_SLICE_MILLIS)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return running.getAsBoolean();
    }

    private void probe() {
        probes++;
        if (reachable()) {
            LOG.infof(
                    "The database is reachable again after %s; intake receives again",
                    Duration.between(pausedSince, clock.instant()));
            pausedSince = null;
            cause = null;
            notifyAll();
            return;
        }
        backoff = backoff.multipliedBy(2).compareTo(config.maxErrorBackoff()) <= 0
                ? backoff.multipliedBy(2)
                : config.maxErrorBackoff();
        nextProbeNanos = System.nanoTime() + backoff.toNanos();
        LOG.debugf("The database is still unavailable; next check in %s", backoff);
    }

    private boolean reachable() {
        try {
            // Connections broken by the outage would otherwise be handed out again after it.
            database.flush(AgroalDataSource.FlushMode.INVALID);
            try (Connection connection = database.getConnection()) {
                return connection.isValid(5);
            }
        } catch (Exception e) {
            return false;
        }
    }
}
