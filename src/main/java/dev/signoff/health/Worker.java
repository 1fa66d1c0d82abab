package dev.signoff.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/** One supervised loop and its thread (see {@link Supervisor}). Thread-safe. */
public final class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    private final String name;
    private final Runnable loop;
    private final Duration firstPause;
    private final Duration maxPause;
    private final long stableAfterNanos;
    private final int failingAfter;
    private final AtomicLong restarts = new AtomicLong();
    private final Object lock = new Object();
    private volatile boolean stopped;
    private volatile int failuresInARow;
    private volatile String lastFailure;
    private volatile Thread thread;

    Worker(String name, Runnable loop, Duration firstPause, Duration maxPause, Duration stableAfter, int failingAfter) {
        this.name = name;
        this.loop = loop;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
        this.stableAfterNanos = stableAfter.toNanos();
        this.failingAfter = failingAfter;
    }

    void launch() {
        thread = new Thread(this::supervise, name);
        thread.start();
    }

    private void supervise() {
        Duration pause = firstPause;
        while (!stopped) {
            long started = System.nanoTime();
            String failure;
            Throwable thrown = null;
            try {
                loop.run();
                if (stopped) {
                    return;
                }
                failure = "returned while it should run";
            } catch (Throwable t) { // an Error must not end the worker for good: keeping it running is this class's job
                if (stopped) {
                    return;
                }
                failure = t.getClass().getName();
                thrown = t;
            }
            boolean stable = System.nanoTime() - started >= stableAfterNanos;
            failuresInARow = stable ? 1 : failuresInARow + 1;
            pause = stable ? firstPause : pause;
            lastFailure = failure;
            restarts.incrementAndGet();
            log(thrown, failure, pause);
            rest(pause);
            pause = pause.multipliedBy(2).compareTo(maxPause) <= 0 ? pause.multipliedBy(2) : maxPause;
        }
    }

    private void log(Throwable thrown, String failure, Duration pause) {
        try {
            // A stack overflow's trace is a thousand copies of the same frames: its class says enough.
            Throwable trace = thrown instanceof StackOverflowError ? null : thrown;
            LOG.errorf(
                    trace,
                    "Worker %s failed (%s); restarting it in %s (restart %d)",
                    name,
                    failure,
                    pause,
                    restarts.get());
        } catch (Throwable ignored) {
            // Logging can fail in the very condition being logged (out of memory); the restart matters more.
        }
    }

    private void rest(Duration pause) {
        synchronized (lock) {
            long until = System.nanoTime() + pause.toNanos();
            while (!stopped && System.nanoTime() < until) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, Math.max(1, until - System.nanoTime()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Marks the worker stopped: it is not restarted again. The owner makes its loop return. */
    public void stop() {
        stopped = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Waits up to {@code millis} for the thread to end; true when it has. */
    public boolean join(long millis) throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join(Math.max(1, millis));
            return !t.isAlive();
        }
        return true;
    }

    public String name() {
        return name;
    }

    /** Times the loop failed (threw, or returned while it should run) and was started again. */
    public long restarts() {
        return restarts.get();
    }

    /** The class of the last failure, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    boolean stopped() {
        return stopped;
    }

    /**
     * False when the worker cannot be kept running: its thread is gone while it should run, or it failed
     * {@code failingAfter} times in a row, each soon after it was started.
     */
    public boolean healthy() {
        Thread t = thread;
        boolean alive = t != null && t.isAlive();
        return stopped || (alive && failuresInARow < failingAfter);
    }
}
