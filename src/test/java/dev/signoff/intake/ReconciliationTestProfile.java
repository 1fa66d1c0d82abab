package dev.signoff.intake;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A sweep of 2 checks a second in 1-second rounds: 2 checks per round, so a test sees the budget with 3 tasks. */
public class ReconciliationTestProfile implements QuarkusTestProfile {

    public static final int RATE = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        // Still not scheduled (signoff.reconcile.enabled=false in the test profile): the tests run the rounds.
        return Map.of("signoff.reconcile.rate", String.valueOf(RATE), "signoff.reconcile.interval", "1s");
    }
}
