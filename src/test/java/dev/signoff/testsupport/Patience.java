package dev.signoff.testsupport;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * How long flow tests wait for asynchronous work (intake, callbacks). Generous, because a loaded two-core CI
 * machine can be slow; a passing condition returns as soon as it holds, so this costs nothing when all is well.
 */
public final class Patience {

    private Patience() {}

    public static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100));
    }
}
