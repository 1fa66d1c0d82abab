package dev.signoff.decision;

import dev.signoff.security.TokenCipher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Delivers outbox rows to Step Functions. It is woken the moment a callback is committed, and otherwise polls for due
 * retries, so a restart picks up whatever a crash left undelivered. Its thread is supervised: if it dies it is
 * restarted, and liveness turns DOWN if it keeps dying.
 */
@ApplicationScoped
class CallbackDispatcher {

    private static final Logger LOG = Logger.getLogger(CallbackDispatcher.class);
    /** Deaths in a row (no good round between) before the supervisor gives up and liveness is DOWN. */
    static final int MAX_CONSECUTIVE_DEATHS = 5;

    private final DeliveryStore store;
    private final StepFunctionsGateway stepFunctions;
    private final TokenCipher cipher;
    private final DispatchConfig config;
    private final Semaphore wake = new Semaphore(0);
    private final SupervisedWorker worker;
    private final ExecutorService senders;
    /** With several senders: callbacks the loop may have out at once (a batch's worth). */
    private final Semaphore slots;

    private final AtomicReference<RuntimeException> senderFailure = new AtomicReference<>();
    private volatile boolean running;

    CallbackDispatcher(
            DeliveryStore store, StepFunctionsGateway stepFunctions, TokenCipher cipher, DispatchConfig config) {
        this.store = store;
        this.stepFunctions = stepFunctions;
        this.cipher = cipher;
        this.config = config;
        this.worker =
                new SupervisedWorker("signoff-callbacks", this::loop, MAX_CONSECUTIVE_DEATHS, Duration.ofSeconds(1));
        AtomicInteger threads = new AtomicInteger();
        this.senders = config.senders() == 1
                ? null
                : Executors.newFixedThreadPool(config.senders(), task -> {
                    Thread thread = new Thread(task, "signoff-callback-sender-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.slots = new Semaphore(config.batchSize());
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Callback dispatcher is disabled (signoff.callbacks.enabled=false)");
            return;
        }
        if (config.lease().compareTo(config.callTimeout().multipliedBy(4)) < 0) {
            LOG.warnf(
                    "signoff.callbacks.lease (%s) is under 4 x call-timeout (%s): a slow callback may outlive its lease"
                            + " and be sent by another instance too (harmless, but wasted)",
                    config.lease(), config.callTimeout());
        }
        startWorker();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopWorker();
        if (senders != null) {
            senders.shutdownNow();
        }
    }

    /** Starts the supervised thread (tests stop it to play several instances by hand). */
    synchronized void startWorker() {
        running = true;
        worker.start();
    }

    /** Stops the thread, then waits for the callbacks it handed to the senders: none is left half-settled. */
    synchronized void stopWorker() throws InterruptedException {
        running = false;
        wake.release();
        worker.stop(Duration.ofSeconds(30));
        if (senders != null) {
            awaitHandedOut(Duration.ofSeconds(30));
        }
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Queued queued) {
        wake.release();
    }

    boolean enabled() {
        return config.enabled();
    }

    boolean healthy() {
        return !config.enabled() || worker.healthy();
    }

    long restarts() {
        return worker.restarts();
    }

    Optional<String> lastFailure() {
        return Optional.ofNullable(worker.lastFailure());
    }

    private void loop() {
        while (running) {
            try {
                if (senders == null) {
                    deliverDue();
                } else {
                    handOutDue();
                }
                worker.roundSucceeded();
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

    /**
     * The loop's way with several senders: claims what is due into the free sending slots and hands each row to a
     * sender without waiting for it, then claims again. A callback committed while others are still out (a slow call,
     * a throttled retry) is claimed at once instead of after the slowest of the batch before it. Rows claimed are
     * leased, so no claim here takes a row that is still being sent. A sender's failure (the database gone while it
     * records a result) fails the round here, as a batch sent in line does.
     */
    private void handOutDue() throws InterruptedException {
        Duration lease = config.lease();
        while (running) {
            throwSenderFailure();
            int free = slots.availablePermits();
            if (free == 0) {
                // Every slot is out: wait for one rather than claim rows nobody can send before their lease shortens.
                if (slots.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    slots.release();
                }
                continue;
            }
            List<DeliveryStore.Claimed> batch = store.claimDue(lease, free);
            if (batch.isEmpty()) {
                return;
            }
            // Only this thread takes slots, so the ones counted free above are still free.
            slots.acquire(batch.size());
            long claimedAt = System.nanoTime();
            for (DeliveryStore.Claimed claimed : batch) {
                senders.execute(() -> {
                    try {
                        send(claimed, lease, claimedAt);
                    } catch (RuntimeException e) {
                        // As when sent in line: a row that failed to record stays claimed until its lease runs out.
                        senderFailure.compareAndSet(null, e);
                        wake.release();
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }

    private void throwSenderFailure() {
        RuntimeException failure = senderFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits until no callback the loop handed out is still being sent. */
    private void awaitHandedOut(Duration patience) throws InterruptedException {
        if (slots.tryAcquire(config.batchSize(), patience.toMillis(), TimeUnit.MILLISECONDS)) {
            slots.release(config.batchSize());
        } else {
            LOG.warnf("Callbacks were still being sent %s after the dispatcher stopped", patience);
        }
    }

    /** Delivers every callback that is due now; returns how many were claimed. */
    int deliverDue() {
        int claimed = 0;
        int batch;
        while (running && (batch = deliverBatch(config.lease())) > 0) {
            claimed += batch;
        }
        return claimed;
    }

    /**
     * Claims one batch under {@code lease} and sends it, one callback after the other (the loop's way with one sender,
     * and tests playing an instance by hand). Each row's lease starts again when its turn comes late; a row whose
     * lease ran out and that another instance claimed meanwhile is left to that instance. Returns how many were
     * claimed, once every one of them is settled.
     */
    int deliverBatch(Duration lease) {
        List<DeliveryStore.Claimed> batch = store.claimDue(lease);
        long claimedAt = System.nanoTime();
        batch.forEach(claimed -> send(claimed, lease, claimedAt));
        return batch.size();
    }

    /**
     * A row whose turn comes within the first tenth of its claim's lease still holds it, with most of it left: renewing
     * it then would cost one more transaction per callback for nothing. Later in a slow batch it is renewed first.
     */
    private void send(DeliveryStore.Claimed claimed, Duration lease, long claimedAt) {
        boolean fresh = System.nanoTime() - claimedAt < lease.toNanos() / 10;
        if (fresh || store.renew(claimed, lease)) {
            deliver(claimed, lease);
        } else {
            LOG.infof("Callback %s is now claimed by another instance; not sending it from here", claimed);
        }
    }

    private void deliver(DeliveryStore.Claimed claimed, Duration lease) {
        String token;
        try {
            token = cipher.openToken(claimed.sealedToken(), claimed.tokenHash());
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
            resolveAmbiguous(
                    claimed, c.reason(), "The workflow stopped waiting for this review (" + c.reason() + ")", lease);
        } else if (outcome instanceof StepFunctionsGateway.Outcome.Gone g) {
            resolveAmbiguous(claimed, g.reason(), "Step Functions no longer knows this task: " + g.reason(), lease);
        } else if (outcome instanceof StepFunctionsGateway.Outcome.Refused f) {
            store.failed(claimed, "Step Functions refused the callback: " + f.reason());
        }
    }

    /**
     * TaskTimedOut, TaskDoesNotExist and InvalidToken also answer a retry whose first attempt landed but whose response
     * was lost (the SDK retries on its own too), or a second instance's send after the first one's landed. Only the
     * execution's history tells them apart; when it cannot (too long to read), nobody guesses: an admin looks.
     */
    private void resolveAmbiguous(DeliveryStore.Claimed claimed, String reason, String notDelivered, Duration lease) {
        switch (stepFunctions.history(claimed.executionArn(), claimed.marker(), lease.dividedBy(2))) {
            case FOUND -> {
                store.delivered(claimed, "Confirmed from execution history after " + reason);
                LOG.infof("Callback %s was already delivered (found in execution history)", claimed);
            }
            case ABSENT -> {
                store.expired(claimed, notDelivered);
                LOG.infof("Callback %s expired: %s", claimed, reason);
            }
            case UNKNOWN -> {
                store.unconfirmed(
                        claimed,
                        reason + "; the execution history is too long (or there is no execution) to confirm whether"
                                + " this callback landed: check the execution");
                LOG.warnf("Callback %s is unconfirmed after %s; an admin must check the execution", claimed, reason);
            }
            case UNREADABLE ->
                store.retryLater(claimed, reason + "; execution history could not be read to confirm", true);
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
