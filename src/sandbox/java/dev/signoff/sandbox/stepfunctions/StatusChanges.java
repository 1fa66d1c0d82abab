package dev.signoff.sandbox.stepfunctions;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** Turns each execution that stops into a {@link StatusChangeEvent} for the listener, which must not fail the call. */
final class StatusChanges implements Consumer<ExecutionSnapshot> {

    private static final Logger LOG = Logger.getLogger(StatusChanges.class);

    private final StatusChangeListener listener;
    private final String region;
    private final String accountId;

    StatusChanges(StatusChangeListener listener, String region, String accountId) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.region = region;
        this.accountId = accountId;
    }

    @Override
    public void accept(ExecutionSnapshot stopped) {
        try {
            listener.statusChanged(StatusChangeEvent.toJson(stopped, region, accountId, UUID.randomUUID()));
        } catch (RuntimeException e) {
            // The execution has stopped either way; a lost event must not turn the caller's success into an error.
            LOG.warnf(
                    e,
                    "Step Functions stand-in: the %s event of %s was not delivered",
                    stopped.status(),
                    stopped.executionArn());
        }
    }
}
