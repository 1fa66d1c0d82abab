package dev.signoff.health;

import static dev.signoff.testsupport.Patience.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SupervisorTest {

    private final Supervisor supervisor =
            new Supervisor(Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofMinutes(1), 3);

    @Test
    void a_loop_that_throws_an_error_is_started_again_and_the_restart_counted() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Worker worker = supervisor.start("test-overflow", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new StackOverflowError();
            }
            awaitQuietly(release);
        });

        await().until(() -> runs.get() == 2);

        assertThat(worker.restarts()).isEqualTo(1);
        assertThat(worker.lastFailure()).isEqualTo("java.lang.StackOverflowError");
        assertThat(worker.healthy()).isTrue();
        assertThat(new WorkersHealth(supervisor).call().getData().orElseThrow())
                .containsEntry("test-overflow", "running, restarts 1, last failure java.lang.StackOverflowError");
        worker.stop();
        release.countDown();
        assertThat(worker.join(10_000)).isTrue();
        assertThat(supervisor.workers()).doesNotContain(worker);
    }

    @Test
    void a_loop_that_returns_while_it_should_run_is_started_again() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Worker worker = supervisor.start("test-return", () -> {
            if (runs.incrementAndGet() > 1) {
                awaitQuietly(release);
            }
        });

        await().until(() -> runs.get() == 2);

        assertThat(worker.restarts()).isEqualTo(1);
        assertThat(worker.lastFailure()).isEqualTo("returned while it should run");
        worker.stop();
        release.countDown();
        assertThat(worker.join(10_000)).isTrue();
    }

    @Test
    void a_worker_that_fails_every_time_it_starts_makes_health_down_and_is_still_restarted() throws Exception {
        Worker worker = supervisor.start("test-crash-loop", () -> {
            throw new OutOfMemoryError("simulated");
        });

        await().until(() -> !worker.healthy());

        var response = new WorkersHealth(supervisor).call();
        assertThat(response.getStatus()).isEqualTo(org.eclipse.microprofile.health.HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("test-crash-loop").toString())
                .startsWith("failing, restarts ");
        long restarts = worker.restarts();
        await().until(() -> worker.restarts() > restarts);
        worker.stop();
        assertThat(worker.join(10_000)).isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
