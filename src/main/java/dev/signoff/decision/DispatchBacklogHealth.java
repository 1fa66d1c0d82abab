package dev.signoff.decision;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of callback delivery: DOWN while a due callback has waited longer than
 * {@code signoff.callbacks.max-backlog-age}, with how long. The outbox is shared, so every instance reports the same:
 * the alert is for a person (dispatchers stopped or Step Functions refusing the pace), and a load balancer that finds
 * every target DOWN still routes to all of them. An instance that sends no callbacks reports UP.
 */
@Readiness
@ApplicationScoped
class DispatchBacklogHealth implements HealthCheck {

    private final DispatchBacklog backlog;
    private final DispatchConfig config;

    DispatchBacklogHealth(DispatchBacklog backlog, DispatchConfig config) {
        this.backlog = backlog;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("callback-backlog")
                .withData("limit", config.maxBacklogAge().toString());
        if (!config.enabled()) {
            return response.up().withData("enabled", false).build();
        }
        var behind = backlog.behind();
        return response.status(behind.compareTo(config.maxBacklogAge()) <= 0)
                .withData("oldestDueWaiting", behind.toString())
                .build();
    }
}
