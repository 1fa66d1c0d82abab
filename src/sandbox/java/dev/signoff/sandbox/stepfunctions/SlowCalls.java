package dev.signoff.sandbox.stepfunctions;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Calls held by a {@link Fault.SlowResponse}: how many are held right now, the most ever held at once, and a gate
 * that releases them. Lets a test see that a client has several calls in flight at the same time.
 */
final class SlowCalls {

    private int held;
    private int mostAtOnce;
    private CountDownLatch gate = new CountDownLatch(1);

    /** Holds the calling thread until released or {@code upTo} passes. */
    void hold(Duration upTo) {
        CountDownLatch waitFor;
        synchronized (this) {
            held++;
            mostAtOnce = Math.max(mostAtOnce, held);
            waitFor = gate;
        }
        try {
            waitFor.await(upTo.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                held--;
            }
        }
    }

    synchronized int held() {
        return held;
    }

    synchronized int mostAtOnce() {
        return mostAtOnce;
    }

    /** Lets every held call answer now; calls held later wait again. Also resets {@link #mostAtOnce()}. */
    synchronized void release() {
        gate.countDown();
        gate = new CountDownLatch(1);
        mostAtOnce = held;
    }
}
