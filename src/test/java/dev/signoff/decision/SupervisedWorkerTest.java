package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SupervisedWorkerTest {

    @Test
    void a_loop_killed_by_errors_is_restarted_counted_and_stays_healthy() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<SupervisedWorker> worker = new AtomicReference<>();
        worker.set(new SupervisedWorker(
                "test-worker",
                () -> {
                    int run = runs.incrementAndGet();
                    if (run == 1) {
                        throw new StackOverflowError("deeply nested schema");
                    }
                    if (run == 2) {
                        throw new AssertionError("unexpected");
                    }
                    worker.get().roundSucceeded();
                    awaitQuietly(stop);
                },
                2,
                Duration.ZERO));

        worker.get().start();
        await().until(() -> runs.get() == 3);

        assertThat(worker.get().restarts()).isEqualTo(2);
        assertThat(worker.get().healthy()).isTrue();
        assertThat(worker.get().lastFailure()).isEqualTo(AssertionError.class.getName());
        stop.countDown();
        worker.get().stop(Duration.ofSeconds(10));
    }

    @Test
    void a_loop_that_keeps_dying_is_given_up_and_reported_unhealthy() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        SupervisedWorker worker = new SupervisedWorker(
                "test-worker",
                () -> {
                    runs.incrementAndGet();
                    throw new OutOfMemoryError("simulated");
                },
                3,
                Duration.ZERO);

        worker.start();
        await().until(() -> !worker.healthy());

        assertThat(runs).hasValue(4);
        assertThat(worker.restarts()).isEqualTo(3);
        worker.stop(Duration.ofSeconds(10));
    }

    @Test
    void a_good_round_between_deaths_starts_the_count_afresh() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<SupervisedWorker> worker = new AtomicReference<>();
        worker.set(new SupervisedWorker(
                "test-worker",
                () -> {
                    if (runs.incrementAndGet() < 6) {
                        worker.get().roundSucceeded();
                        throw new StackOverflowError();
                    }
                    awaitQuietly(stop);
                },
                1,
                Duration.ZERO));

        worker.get().start();
        await().until(() -> runs.get() == 6);

        assertThat(worker.get().healthy()).as("never two deaths in a row").isTrue();
        assertThat(worker.get().restarts()).isEqualTo(5);
        stop.countDown();
        worker.get().stop(Duration.ofSeconds(10));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
