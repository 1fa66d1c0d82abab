package dev.signoff.sandbox.stepfunctions;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * AWS's API quotas as the stand-in applies them: a token bucket per group of operations that share a quota, refilled
 * at a steady rate up to its burst. A call that finds its bucket empty is refused with ThrottlingException and not
 * applied. Time is the monotonic clock given (not the stand-in's own clock, which tests may stop).
 */
final class Throttles {

    private static final class Bucket {
        final double nanosPerCall;
        final double burst;
        double tokens;
        long refilledAt;

        Bucket(int ratePerSecond, int burst, long now) {
            this.nanosPerCall = 1e9 / ratePerSecond;
            this.burst = burst;
            this.tokens = burst;
            this.refilledAt = now;
        }

        boolean take(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / nanosPerCall);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    private LongSupplier nanoTime;
    private final Map<String, Bucket> byOperation = new HashMap<>();

    Throttles(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Another time source, for tests that move time by hand; set it before {@link #limit}. */
    synchronized void useTime(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** One bucket shared by {@code operations}; replaces any they had. */
    synchronized void limit(Set<String> operations, int ratePerSecond, int burst) {
        if (ratePerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1");
        }
        Bucket bucket = new Bucket(ratePerSecond, burst, nanoTime.getAsLong());
        operations.forEach(operation -> byOperation.put(operation, bucket));
    }

    /** True when the call may go ahead (its operation is not limited, or its bucket had a call left). */
    synchronized boolean admit(String operation) {
        Bucket bucket = byOperation.get(operation);
        return bucket == null || bucket.take(nanoTime.getAsLong());
    }

    synchronized void clear() {
        byOperation.clear();
    }
}
