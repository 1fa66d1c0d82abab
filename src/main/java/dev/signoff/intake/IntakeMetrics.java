package dev.signoff.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts review-queue messages by what became of them. Stored and quarantined are counted after their transaction
 * commits (a rolled-back intake is a failure, and its message comes back), so each message is counted once per
 * receive. The label is one of {@link Result}, never anything from the message.
 */
@Startup
@ApplicationScoped
class IntakeMetrics {

    static final String REQUESTS = "signoff.intake.requests";

    enum Result {
        /** Became a review task. */
        STORED,
        /** Invalid: quarantined (and its execution failed when its token could be read). */
        QUARANTINED,
        /** A copy of a request Signoff already holds: deleted. */
        DUPLICATE,
        /** Could not be taken in (database down, a bug): left on the queue for redelivery and, in the end, the DLQ. */
        FAILED
    }

    /** Fired by intake inside its transaction; counted only once that commits. */
    record Taken(Result result) {}

    private final Map<Result, Counter> counters = new EnumMap<>(Result.class);

    IntakeMetrics(MeterRegistry registry) {
        for (Result result : Result.values()) {
            counters.put(
                    result,
                    Counter.builder(REQUESTS)
                            .description("Review-queue messages, by what became of them")
                            .tag("result", result.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
    }

    void onTaken(@Observes(during = TransactionPhase.AFTER_SUCCESS) Taken taken) {
        counters.get(taken.result()).increment();
    }

    void failed() {
        counters.get(Result.FAILED).increment();
    }
}
