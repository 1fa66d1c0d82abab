package dev.signoff.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of SQS: DOWN while the review queue cannot be asked for its attributes within
 * {@code signoff.intake.readiness-timeout} (SQS down, no route, no permission, queue gone). The answer is kept for
 * {@code signoff.intake.readiness-cache}, so a load balancer probing every few seconds costs one SQS call per period.
 */
@Readiness
@ApplicationScoped
class QueueHealth implements HealthCheck {

    private final Queues queues;
    private final IntakeConfig config;
    private final Clock clock;
    private Answer last;

    /** One probe's result; {@code problem} null when SQS answered. */
    private record Answer(Instant at, String problem) {}

    QueueHealth(Queues queues, IntakeConfig config, Clock clock) {
        this.queues = queues;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Answer answer = answer();
        var response = HealthCheckResponse.named("sqs")
                .withData("checkedAt", answer.at().toString());
        if (answer.problem() == null) {
            return response.up().build();
        }
        return response.down().withData("problem", answer.problem()).build();
    }

    /** The cached answer while fresh; otherwise one probe (concurrent callers wait for it instead of probing too). */
    private synchronized Answer answer() {
        Instant now = clock.instant();
        if (last != null && !now.isAfter(last.at().plus(config.readinessCache())) && !now.isBefore(last.at())) {
            return last;
        }
        String problem = null;
        try {
            queues.probe(config.queueUrl(), config.readinessTimeout());
        } catch (RuntimeException e) {
            // The exception's class and message name the cause (timeout, connection refused, access denied); SQS
            // messages carry no body or token.
            problem = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        last = new Answer(now, problem);
        return last;
    }
}
