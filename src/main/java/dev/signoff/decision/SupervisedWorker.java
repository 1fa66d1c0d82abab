package dev.signoff.decision;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs a worker loop on its own thread and restarts it when it dies. The loop catches what it expects (a failed round);
 * anything that escapes, an {@link Error} included (a stack overflow, an assertion), would otherwise end the thread for
 * good while health still said UP. Restarts back off, doubling; after {@code maxConsecutiveFailures} deaths without a
 * good round in between the supervisor gives up and {@link #healthy()} turns false, so the instance is restarted
 * instead of silently not working.
 */
final class SupervisedWorker {

    private static final Logger LOG = Logger.getLogger(SupervisedWorker.class);

    private final String name;
    private final Runnable loop;
    private final int maxConsecutiveFailures;
    private final Duration firstBackoff;
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final Semaphore stopSignal = new Semaphore(0);
    private volatile boolean stopping;
    private volatile boolean gaveUp;
    private volatile String lastFailure;
    private Thread thread;

    /** {@code loop} returns only when asked to stop; it calls {@link #roundSucceeded()} after each good round. */
    SupervisedWorker(String name, Runnable loop, int maxConsecutiveFailures, Duration firstBackoff) {
        this.name = name;
        this.loop = loop;
        this.maxConsecutiveFailures = maxConsecutiveFailures;
        this.firstBackoff = firstBackoff;
    }

    synchronized void start() {
        stopping = false;
        stopSignal.drainPermits();
        gaveUp = false;
        consecutiveFailures.set(0);
        thread = new Thread(this::supervise, name);
        thread.start();
    }

    /**
     * Waits up to {@code patience} for the loop to end, once its owner has told it to (a flag, a wake-up). The thread is
     * not interrupted: a callback being sent is let finish, so its result is recorded.
     */
    synchronized void stop(Duration patience) throws InterruptedException {
        stopping = true;
        stopSignal.release();
        if (thread != null) {
            thread.join(patience.toMillis());
            thread = null;
        }
    }

    /** A round went well: the next death starts the backoff afresh. */
    void roundSucceeded() {
        consecutiveFailures.set(0);
    }

    /** False once the supervisor gave up on a loop that kept dying. */
    boolean healthy() {
        return !gaveUp;
    }

    long restarts() {
        return restarts.get();
    }

    String lastFailure() {
        return lastFailure;
    }

    private void supervise() {
        while (!stopping) {
            try {
                loop.run();
                return;
            } catch (Throwable t) { // NOPMD: the point is to survive what the loop did not expect
                if (stopping) {
                    return;
                }
                // Only the type: the health endpoint shows it, and a message might quote a request.
                lastFailure = t.getClass().getName();
                int failures = consecutiveFailures.incrementAndGet();
                if (failures > maxConsecutiveFailures) {
                    gaveUp = true;
                    LOG.errorf(t, "%s died %d times in a row; not restarting it (health is DOWN)", name, failures);
                    return;
                }
                restarts.incrementAndGet();
                LOG.errorf(t, "%s died (%s); restarting it (restart %d)", name, lastFailure, restarts.get());
                if (!pause(firstBackoff.multipliedBy(1L << Math.min(10, failures - 1)))) {
                    return;
                }
            }
        }
    }

    /** Backs off before a restart; false when asked to stop meanwhile. */
    private boolean pause(Duration delay) {
        try {
            return !stopSignal.tryAcquire(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
