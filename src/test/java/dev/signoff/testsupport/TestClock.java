package dev.signoff.testsupport;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The app's clock in every {@code @QuarkusTest}: the one the Step Functions stand-in runs on, so advancing it moves
 * Signoff's deadlines and Step Functions' together, as real time would. Replaces the app's {@code @DefaultBean}.
 */
public class TestClock {

    @Produces
    @Singleton
    Clock clock() {
        return StepFunctionsTestResource.clock();
    }
}
