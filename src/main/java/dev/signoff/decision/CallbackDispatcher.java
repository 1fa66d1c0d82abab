package dev.signoff.decision;

import dev.signoff.security.TokenCipher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Delivers outbox rows to Step Functions. It is woken the moment a callback is committed, and otherwise polls
 * for due retries, so a restart picks up whatever a crash left undelivered.
 */
@ApplicationScoped
class CallbackDispatcher {

    private static final Logger LOG = Logger.getLogger(CallbackDispatcher.class);

    private final DeliveryStore store;
    private final StepFunctionsGateway stepFunctions;
    private final TokenCipher cipher;
    private final DispatchConfig config;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    CallbackDispatcher(
            DeliveryStore store, StepFunctionsGateway stepFunctions, TokenCipher cipher, DispatchConfig config) {
        this.store = store;
        this.stepFunctions = stepFunctions;
        this.cipher = cipher;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Callback dispatcher is disabled (signoff.callbacks.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::loop, "signoff-callbacks");
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake.release();
        if (thread != null) {
            thread.join(30_000);
        }
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Queued queued) {
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                deliverDue();
                wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Callback round failed (%s: %s); trying again shortly",
                        e.getClass().getSimpleName(), e.getMessage());
                sleepQuietly();
            }
        }
    }

    /** Delivers every callback that is due now; returns how many were attempted. */
    int deliverDue() {
        int attempted = 0;
        List<DeliveryStore.Claimed> batch;
        while (running && !(batch = store.claimDue()).isEmpty()) {
            for (DeliveryStore.Claimed claimed : batch) {
                deliver(claimed);
                attempted++;
            }
        }
        return attempted;
    }

    private void deliver(DeliveryStore.Claimed claimed) {
        String token;
        try {
            token = cipher.open(claimed.sealedToken());
        } catch (RuntimeException e) {
            store.retryLater(claimed, e.getMessage());
            return;
        }
        StepFunctionsGateway.Outcome outcome = claimed.kind() == OutboxEntry.Kind.SUCCESS
                ? stepFunctions.sendSuccess(token, claimed.output())
                : stepFunctions.sendFailure(token, claimed.error(), claimed.cause());
        if (outcome instanceof StepFunctionsGateway.Outcome.Delivered) {
            store.delivered(claimed, null);
            LOG.infof("Delivered callback %s", claimed);
        } else if (outcome instanceof StepFunctionsGateway.Outcome.Retryable r) {
            store.retryLater(claimed, r.reason());
            LOG.infof("Callback %s will be retried: %s", claimed, r.reason());
        } else if (outcome instanceof StepFunctionsGateway.Outcome.Closed c) {
            resolveClosed(claimed, c.reason());
        } else if (outcome instanceof StepFunctionsGateway.Outcome.Gone g) {
            store.expired(claimed, "Step Functions no longer knows this task: " + g.reason());
        } else if (outcome instanceof StepFunctionsGateway.Outcome.Refused f) {
            store.failed(claimed, "Step Functions refused the callback: " + f.reason());
        }
    }

    /**
     * TaskTimedOut also answers a retry whose first attempt succeeded but whose response was lost (the SDK
     * retries on its own too). The execution's history tells the two apart.
     */
    private void resolveClosed(DeliveryStore.Claimed claimed, String reason) {
        Optional<Boolean> ours = stepFunctions.historyShows(claimed.executionArn(), claimed.marker());
        if (ours.orElse(false)) {
            store.delivered(claimed, "Confirmed from execution history after " + reason);
            LOG.infof("Callback %s was already delivered (found in execution history)", claimed);
        } else if (ours.isEmpty()) {
            store.retryLater(claimed, reason + "; execution history could not be read to confirm");
        } else {
            store.expired(claimed, "The workflow stopped waiting for this review (" + reason + ")");
            LOG.infof("Callback %s expired: %s", claimed, reason);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
