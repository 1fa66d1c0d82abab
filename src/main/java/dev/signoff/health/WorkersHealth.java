package dev.signoff.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the background workers: DOWN while one of them cannot be kept running (see {@link Worker#healthy()}).
 * Its data counts each worker's restarts, so an operator sees a worker that keeps failing before it is DOWN. Not a liveness check: restarting the container does not cure a poison
 * message or a bug, and the supervisor already restarts the worker.
 */
@Readiness
@ApplicationScoped
class WorkersHealth implements HealthCheck {

    private final Supervisor supervisor;

    WorkersHealth(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("workers").up();
        for (Worker worker : supervisor.workers()) {
            String state = worker.healthy() ? "running" : "failing";
            if (!worker.healthy()) {
                response.down();
            }
            String detail = state + ", restarts " + worker.restarts()
                    + (worker.lastFailure() == null ? "" : ", last failure " + worker.lastFailure());
            response.withData(worker.name(), detail);
        }
        return response.build();
    }
}
