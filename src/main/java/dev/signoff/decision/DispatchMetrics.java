package dev.signoff.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What the dispatcher's results add up to: how long a callback took from being queued (the decision, expiry or
 * rejection that committed it) to Step Functions accepting it, and how many attempts did not deliver, by what came of
 * them. Recorded only by the instance whose claim recorded the result, so two instances never count one callback twice.
 */
@Startup
@ApplicationScoped
class DispatchMetrics {

    static final String LATENCY = "signoff.dispatch.latency";
    static final String FAILURES = "signoff.dispatch.failures";

    /** What became of an attempt that did not deliver: the {@code result} label. */
    enum Failure {
        /** Retryable (throttled, 5xx, network): tried again later. */
        RETRIED,
        /** Refused for good, or retries exhausted: DELIVERY_FAILED. */
        FAILED,
        /** Step Functions no longer waits for the token: EXPIRED. */
        EXPIRED,
        /** Nobody can tell whether it landed: DELIVERY_UNCONFIRMED. */
        UNCONFIRMED
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Timer latency;

    DispatchMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        // Every result from the start, at 0: a rate over a series that does not exist yet alerts on nothing.
        for (Failure failure : Failure.values()) {
            failures(failure);
        }
        this.latency = Timer.builder(LATENCY)
                .description("From a callback being queued to Step Functions accepting it")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }

    void delivered(Instant queuedAt) {
        Duration took = Duration.between(queuedAt, clock.instant());
        latency.record(took.isNegative() ? Duration.ZERO : took);
    }

    void failed(Failure failure) {
        failures(failure).increment();
    }

    private Counter failures(Failure failure) {
        return Counter.builder(FAILURES)
                .description("Callback attempts that did not deliver, by what came of them")
                .tag("result", failure.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
