package dev.signoff.decision;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when the callback dispatcher died too often in a row to be restarted: the instance no longer delivers decisions
 * and should be replaced. Reports how many times it was restarted.
 */
@Liveness
@ApplicationScoped
class CallbackDispatcherHealth implements HealthCheck {

    private final CallbackDispatcher dispatcher;

    CallbackDispatcherHealth(CallbackDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("callback-dispatcher")
                .status(dispatcher.healthy())
                .withData("enabled", dispatcher.enabled())
                .withData("restarts", dispatcher.restarts());
        dispatcher.lastFailure().ifPresent(failure -> response.withData("lastFailure", failure));
        return response.build();
    }
}
