package dev.signoff.testsupport;

import dev.signoff.sandbox.stepfunctions.StatusChangeListener;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts Signoff's Step Functions stand-in on a free port and points the callback dispatcher at it. Tests reach
 * the running stand-in (and its clock) through the static accessors to start executions and inspect results.
 */
public class StepFunctionsTestResource implements QuarkusTestResourceLifecycleManager {

    private static final MutableClock CLOCK = MutableClock.followingRealTime();
    private static volatile StepFunctionsStandIn standIn;
    private static volatile StatusChangeListener statusChanges = StatusChangeListener.NONE;

    public static StepFunctionsStandIn standIn() {
        return standIn;
    }

    /**
     * Forwards the stand-in's execution status change events (as EventBridge would) until the returned handle is
     * closed. Off by default: most tests end executions on purpose and check what the callbacks alone do.
     */
    public static AutoCloseable forwardStatusChanges(StatusChangeListener listener) {
        statusChanges = listener;
        return () -> statusChanges = StatusChangeListener.NONE;
    }

    /** The stand-in's clock: advancing it expires tokens without sleeping. */
    public static MutableClock clock() {
        return CLOCK;
    }

    @Override
    public Map<String, String> start() {
        standIn = StepFunctionsStandIn.start(0, CLOCK, event -> statusChanges.statusChanged(event));
        return Map.of(
                "signoff.callbacks.endpoint-override",
                standIn.endpoint().toString(),
                "signoff.callbacks.region",
                StepFunctionsStandIn.REGION,
                "signoff.callbacks.access-key-id",
                "test",
                "signoff.callbacks.secret-access-key",
                "test");
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
