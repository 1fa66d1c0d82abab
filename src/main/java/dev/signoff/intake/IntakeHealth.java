package dev.signoff.intake;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of intake: DOWN while it has stopped receiving because the database is unavailable. */
@Readiness
@ApplicationScoped
class IntakeHealth implements HealthCheck {

    private final IntakePause pause;

    IntakeHealth(IntakePause pause) {
        this.pause = pause;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("intake");
        var since = pause.pausedSince();
        if (since == null) {
            return response.up().withData("receiving", true).build();
        }
        return response.down()
                .withData("receiving", false)
                .withData("pausedSince", since.toString())
                .withData("cause", String.valueOf(pause.cause()))
                .withData("databaseChecks", pause.probes())
                .build();
    }
}
