package dev.signoff.decision;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} permits a second, up to {@code burst} saved up while idle. A caller that finds
 * the bucket empty reserves the next free permit and waits for it, but only if that wait fits its budget; otherwise it
 * is refused at once and nothing is reserved, so a backlog never queues up behind the limiter longer than the budget.
 * Reserving (rather than re-checking after a sleep) keeps waiting callers in arrival order and the rate exact however
 * many wait at once. The time source and the sleep are passed in, so a test drives it with fake time.
 */
public final class RateLimiter {

    /** How a caller waits for its reserved permit. */
    @FunctionalInterface
    public interface Sleeper {
        /** The real thing. */
        Sleeper PARK = nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));

        void sleep(long nanos) throws InterruptedException;
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double nanosPerPermit;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double permits;
    private long refilledAt;

    public RateLimiter(int ratePerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
        if (ratePerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be 1 or more");
        }
        this.nanosPerPermit = (double) NANOS_PER_SECOND / ratePerSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.permits = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** On the real clock: a full bucket of one second's permits. */
    public static RateLimiter perSecond(int ratePerSecond) {
        return new RateLimiter(ratePerSecond, ratePerSecond, System::nanoTime, Sleeper.PARK);
    }

    /**
     * Takes a permit, waiting for it at most {@code budget}. False, at once: the wait would be longer (or the thread
     * was interrupted while waiting; its interrupt flag is set again).
     */
    public boolean acquire(Duration budget) {
        long wait = reserve(budget);
        if (wait < 0) {
            return false;
        }
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Reserves a permit without waiting for it: how many nanoseconds from now it may be used (0: now), or -1 when
     * that is beyond {@code budget} (nothing reserved).
     */
    public synchronized long reserve(Duration budget) {
        long now = nanoTime.getAsLong();
        permits = Math.min(burst, permits + (now - refilledAt) / nanosPerPermit);
        refilledAt = now;
        if (permits >= 1) {
            permits -= 1;
            return 0;
        }
        long wait = (long) Math.ceil((1 - permits) * nanosPerPermit);
        if (wait > budget.toNanos()) {
            return -1;
        }
        permits -= 1;
        return wait;
    }
}
