package dev.signoff.decision;

import dev.signoff.contract.Callback;
import dev.signoff.contract.CallbackPayload;
import dev.signoff.review.TaskExpiry;
import dev.signoff.review.TaskLifecycle;
import dev.signoff.review.TaskSweeps;
import dev.signoff.security.SealedToken;
import dev.signoff.security.TokenCipher;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Keeps waiting executions alive and the inbox honest. Workflows that set HeartbeatSeconds get a heartbeat at a
 * third of that interval while their task is open or its callback is on its way; a task whose workflow has
 * stopped waiting (deadline passed, or a heartbeat answered TaskTimedOut) leaves the inbox as EXPIRED. A review
 * still open at its expiresAt is dealt with by its expiry policy: closed the same way with its workflow told
 * Signoff.Expired, escalated once, or left waiting.
 * Several instances may run this at once: a duplicate heartbeat is harmless. An instance with
 * {@code signoff.callbacks.enabled=false} runs none of it.
 */
@ApplicationScoped
class TaskUpkeep {

    private static final Logger LOG = Logger.getLogger(TaskUpkeep.class);
    /** Tasks one round handles per kind; the rest wait for the next round. */
    static final int BATCH = 500;

    private final TaskSweeps sweeps;
    private final TaskExpiry expiry;
    private final TaskLifecycle lifecycle;
    private final StepFunctionsGateway stepFunctions;
    private final TokenCipher cipher;
    private final Outbox outbox;
    private final CallbackPayload payloads;
    private final Clock clock;
    private final DispatchConfig config;
    private final ExecutorService heartbeats;

    TaskUpkeep(
            TaskSweeps sweeps,
            TaskExpiry expiry,
            TaskLifecycle lifecycle,
            StepFunctionsGateway stepFunctions,
            TokenCipher cipher,
            Outbox outbox,
            CallbackPayload payloads,
            Clock clock,
            DispatchConfig config) {
        this.sweeps = sweeps;
        this.expiry = expiry;
        this.lifecycle = lifecycle;
        this.stepFunctions = stepFunctions;
        this.cipher = cipher;
        this.outbox = outbox;
        this.payloads = payloads;
        this.clock = clock;
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        this.heartbeats = Executors.newFixedThreadPool(config.heartbeatThreads(), task -> {
            Thread thread = new Thread(task, "signoff-heartbeat-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void shutDown() {
        heartbeats.shutdownNow();
    }

    @Scheduled(
            every = "${signoff.callbacks.upkeep-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        if (!config.enabled()) {
            // An instance that sends no callbacks sends no heartbeats either, and leaves expiry (which queues
            // Signoff.Expired) to the instances that do.
            return;
        }
        expireOverdue();
        closeUndecided();
        sendHeartbeats();
    }

    void expireOverdue() {
        expireOverdue(sweeps.pastTimeout(clock.instant(), BATCH));
    }

    void closeUndecided() {
        closeUndecided(expiry.due(clock.instant(), BATCH));
    }

    /**
     * Sends the due heartbeats side by side, {@code heartbeat-threads} at a time, so one slow answer does not hold the
     * others back past their HeartbeatSeconds. Each is its own call and transaction: no transaction stays open while
     * Step Functions answers. The round waits for them at most one upkeep interval; what has not started by then is
     * dropped (still due, the next round sends it), what is in flight finishes within its call timeout.
     */
    void sendHeartbeats() {
        List<Future<?>> sent = new ArrayList<>();
        for (TaskSweeps.HeartbeatDue due : sweeps.heartbeatsDue(clock.instant(), BATCH)) {
            sent.add(heartbeats.submit(() -> heartbeat(due)));
        }
        long deadline = System.nanoTime() + config.upkeepInterval().toNanos();
        try {
            for (Future<?> heartbeat : sent) {
                try {
                    heartbeat.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    LOG.warnf("A heartbeat failed: %s", e.getCause().toString());
                }
            }
        } catch (TimeoutException e) {
            long dropped = sent.stream().filter(f -> f.cancel(false)).count();
            LOG.warnf(
                    "Heartbeats took longer than the upkeep interval; %d not yet sent wait for the next round",
                    dropped);
        } catch (InterruptedException e) {
            sent.forEach(f -> f.cancel(false));
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes reviews whose workflow stopped waiting at its deadline. A task decided or closed since it was found is
     * skipped (the transition is conditional); the others still close.
     */
    @Transactional
    void expireOverdue(List<TaskSweeps.Overdue> overdue) {
        for (TaskSweeps.Overdue task : overdue) {
            lifecycle.expire(
                    task.taskId(),
                    "The workflow stopped waiting at its deadline (" + task.deadline() + ") before anyone decided");
        }
    }

    /**
     * Deals with reviews past their expiresAt by each one's policy (review/TaskExpiry): closes it and queues
     * Signoff.Expired, escalates it once, or records that it keeps waiting. Each step is conditional, so a reviewer
     * deciding at the same moment, or another instance doing the same round, either wins outright or finds the task
     * changed: the workflow gets exactly one answer.
     */
    @Transactional
    void closeUndecided(List<TaskExpiry.Due> due) {
        Instant now = clock.instant();
        for (TaskExpiry.Due task : due) {
            TaskExpiry.Step step = expiry.next(task, now);
            if (step instanceof TaskExpiry.Step.Escalate escalate) {
                if (expiry.escalate(task, escalate.groups(), escalate.until(), now)) {
                    LOG.infof("Task %s escalated to %s until %s", task.taskId(), escalate.groups(), escalate.until());
                }
            } else if (step instanceof TaskExpiry.Step.KeepWaiting) {
                expiry.keepWaiting(task);
            } else if (step instanceof TaskExpiry.Step.Fail fail) {
                fail(task, fail.reason(), now);
            }
        }
    }

    private void fail(TaskExpiry.Due task, String why, Instant now) {
        String reason = why + "; the workflow was told (" + CallbackPayload.EXPIRED + ")";
        if (lifecycle.expire(task.taskId(), reason)) {
            Callback callback = payloads.expired(task.taskId().toString(), task.expiresAt(), now);
            outbox.enqueueFailure(
                    task.taskId(),
                    null,
                    null,
                    task.executionArn(),
                    new SealedToken(task.sealedToken(), task.tokenHash()),
                    callback.error(),
                    callback.cause());
            LOG.infof("Task %s expired at %s; sending %s", task.taskId(), task.expiresAt(), CallbackPayload.EXPIRED);
        }
    }

    private void heartbeat(TaskSweeps.HeartbeatDue due) {
        String token;
        try {
            token = cipher.openToken(due.sealedToken(), due.tokenHash());
        } catch (RuntimeException e) {
            // One unreadable token (its key removed too early) must not stop the heartbeats of every other task.
            LOG.warnf("Cannot heartbeat task %s: %s", due.taskId(), e.getMessage());
            return;
        }
        StepFunctionsGateway.Outcome outcome = stepFunctions.sendHeartbeat(token);
        if (outcome instanceof StepFunctionsGateway.Outcome.Delivered) {
            recordHeartbeat(due);
        } else if (outcome instanceof StepFunctionsGateway.Outcome.Closed
                || outcome instanceof StepFunctionsGateway.Outcome.Gone) {
            expireIfPending(due.taskId(), outcome.toString());
        } else {
            LOG.infof("Heartbeat for task %s failed, will try again: %s", due.taskId(), outcome);
        }
    }

    @Transactional
    void recordHeartbeat(TaskSweeps.HeartbeatDue due) {
        lifecycle.heartbeatSent(due.taskId(), due.heartbeatSeconds());
    }

    @Transactional
    void expireIfPending(UUID taskId, String answer) {
        lifecycle.expire(taskId, "The workflow stopped waiting for this review (heartbeat answered " + answer + ")");
    }
}
