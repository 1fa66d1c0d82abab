package dev.signoff.decision;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} permits a second, up to {@code burst} saved up while idle. A caller that finds
 * the bucket empty reserves the next free permit and waits for it, but only if that wait fits its budget; otherwise it
 * is refused at once and nothing is reserved, so a backlog never queues up behind the limiter longer than the budget.
 * Reserving (rather than re-checking after a sleep) keeps waiting callers in arrival order and the rate exact however
 * many wait at once. The time source and the sleep are passed in, so a test drives it with fake time.
 *
 * <p>The rate adapts to a quota it cannot see (AWS's, shared with the account's other clients). {@link #throttled}
 * cuts it to {@value #CUT} of what got through in the last second ({@link #passed} counts that), at most by half, so
 * a few cuts land just under the quota however far above it the configured rate was; then it climbs back by {@value #CLIMB} a second,
 * compounded, to the configured rate. Throttles within {@value #COOL_DOWN_MS} ms of a cut are answers to calls made
 * before it and cut nothing more. Without throttles it is a plain token bucket at the configured rate.
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

    /** What a throttle leaves of the rate that got through: a margin under the quota, not a halving. */
    static final double CUT = 0.85;

    /** The climb back after a cut, per second: from 85% back to the quota in about 3 seconds. */
    static final double CLIMB = 0.05;

    static final long COOL_DOWN_MS = 250;

    /** Calls that got through are counted in tenths of a second over the last second. */
    private static final int SLOTS = 10;

    private static final long SLOT_NANOS = NANOS_PER_SECOND / SLOTS;

    private final double ceiling;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final long[] slotOf = new long[SLOTS];
    private final int[] passedIn = new int[SLOTS];
    private double rate;
    private double permits;
    private long refilledAt;
    private long cutAt;

    public RateLimiter(int ratePerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
        if (ratePerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be 1 or more");
        }
        this.ceiling = ratePerSecond;
        this.rate = ratePerSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.permits = burst;
        this.refilledAt = nanoTime.getAsLong();
        this.cutAt = refilledAt - COOL_DOWN_MS * 1_000_000L;
        Arrays.fill(slotOf, Long.MIN_VALUE);
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
        refill(now);
        if (permits >= 1) {
            permits -= 1;
            return 0;
        }
        long wait = (long) Math.ceil((1 - permits) * NANOS_PER_SECOND / rate);
        if (wait > budget.toNanos()) {
            return -1;
        }
        permits -= 1;
        return wait;
    }

    /** A call made with a permit got through: counted for the next {@link #throttled} cut. */
    public synchronized void passed() {
        long slot = Math.floorDiv(nanoTime.getAsLong(), SLOT_NANOS);
        int index = (int) Math.floorMod(slot, (long) SLOTS);
        if (slotOf[index] != slot) {
            slotOf[index] = slot;
            passedIn[index] = 0;
        }
        passedIn[index]++;
    }

    /**
     * A call made with a permit was throttled: the rate is over the quota. Cuts the rate to {@link #CUT} of what got
     * through in the last second (of itself where nothing did), at most by half, and drops what the bucket had saved
     * up.
     */
    public synchronized void throttled() {
        long now = nanoTime.getAsLong();
        refill(now);
        if (now - cutAt < COOL_DOWN_MS * 1_000_000L) {
            return;
        }
        int through = passedInLastSecond(now);
        // Never below half the rate per cut: a throttle while little got through (a quiet moment, a quota another
        // client spent) must not leave a later backlog crawling back from one call a second.
        rate = Math.max(Math.max(1, rate / 2), CUT * (through > 0 ? Math.min(rate, through) : rate));
        permits = Math.min(permits, 0);
        cutAt = now;
    }

    /** The permits a second it gives out now: the configured rate, or less after a throttle. */
    public synchronized double rate() {
        refill(nanoTime.getAsLong());
        return rate;
    }

    /** Climbs the rate back towards the ceiling, then adds the permits earned since the last refill at that rate. */
    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed <= 0) {
            return;
        }
        if (rate < ceiling) {
            rate = Math.min(ceiling, rate * Math.pow(1 + CLIMB, (double) elapsed / NANOS_PER_SECOND));
        }
        // One second's worth at the configured rate; in proportion below it, so a cut also shrinks the bucket.
        double most = rate >= ceiling ? burst : Math.max(1, burst * rate / ceiling);
        permits = Math.min(most, permits + elapsed * rate / NANOS_PER_SECOND);
        refilledAt = now;
    }

    private int passedInLastSecond(long now) {
        long current = Math.floorDiv(now, SLOT_NANOS);
        int sum = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (slotOf[i] > current - SLOTS) {
                sum += passedIn[i];
            }
        }
        return sum;
    }
}
