package dev.signoff.decision;

import dev.signoff.audit.AuditLog;
import dev.signoff.contract.Callback;
import dev.signoff.contract.CallbackPayload;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
import dev.signoff.security.TokenCipher;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps waiting executions alive and the inbox honest. Workflows that set HeartbeatSeconds get a heartbeat at a
 * third of that interval while their task is open or its callback is on its way; a task whose workflow has
 * stopped waiting (deadline passed, or a heartbeat answered TaskTimedOut) leaves the inbox as EXPIRED. A review
 * still open at its expiresAt is closed the same way, and its workflow is told with Signoff.Expired.
 * Several instances may run this at once: a duplicate heartbeat is harmless.
 */
@ApplicationScoped
class TaskUpkeep {

    private static final Logger LOG = Logger.getLogger(TaskUpkeep.class);

    private final StepFunctionsGateway stepFunctions;
    private final TokenCipher cipher;
    private final Outbox outbox;
    private final CallbackPayload payloads;
    private final AuditLog audit;
    private final Clock clock;

    TaskUpkeep(
            StepFunctionsGateway stepFunctions,
            TokenCipher cipher,
            Outbox outbox,
            CallbackPayload payloads,
            AuditLog audit,
            Clock clock) {
        this.stepFunctions = stepFunctions;
        this.cipher = cipher;
        this.outbox = outbox;
        this.payloads = payloads;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(
            every = "${signoff.callbacks.upkeep-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        expireOverdue();
        closeUndecided();
        for (HeartbeatDue due : heartbeatsDue()) {
            heartbeat(due);
        }
    }

    record HeartbeatDue(UUID taskId, String sealedToken) {}

    @Transactional
    void expireOverdue() {
        Instant now = clock.instant();
        List<ReviewTask> overdue = ReviewTask.list("status = ?1 and timeoutAt < ?2", TaskStatus.PENDING, now);
        for (ReviewTask task : overdue) {
            close(task, "The workflow stopped waiting at its deadline (" + task.timeoutAt + ") before anyone decided");
        }
    }

    /**
     * Closes reviews past their expiresAt and queues Signoff.Expired for each. The close is a conditional update,
     * so a reviewer deciding at the same moment, or another instance doing the same round, either wins outright or
     * finds the task already closed: the workflow gets exactly one answer.
     */
    @Transactional
    void closeUndecided() {
        Instant now = clock.instant();
        List<ReviewTask> due = ReviewTask.list("status = ?1 and expiresAt < ?2", TaskStatus.PENDING, now);
        for (ReviewTask task : due) {
            String reason = "Nobody decided before the review closed at " + task.expiresAt + "; the workflow was told ("
                    + CallbackPayload.EXPIRED + ")";
            if (ReviewTask.closeIfPending(task.id, TaskStatus.EXPIRED, reason, now)) {
                Callback callback = payloads.expired(task.id.toString(), task.expiresAt, now);
                outbox.enqueueFailure(
                        task.id,
                        null,
                        null,
                        task.executionArn,
                        task.tokenCiphertext,
                        callback.error(),
                        callback.cause());
                audit.record(AuditLog.SYSTEM, task.id, "TASK_EXPIRED", reason);
                LOG.infof("Task %s expired at %s; sending %s", task.id, task.expiresAt, CallbackPayload.EXPIRED);
            }
        }
    }

    @Transactional
    List<HeartbeatDue> heartbeatsDue() {
        Instant now = clock.instant();
        return ReviewTask.<ReviewTask>list(
                        "status in ?1 and heartbeatSeconds is not null",
                        List.of(TaskStatus.PENDING, TaskStatus.DECIDED))
                .stream()
                .filter(t -> t.lastHeartbeatAt == null
                        || t.lastHeartbeatAt
                                .plusSeconds(Math.max(1, t.heartbeatSeconds / 3))
                                .isBefore(now))
                .map(t -> new HeartbeatDue(t.id, t.tokenCiphertext))
                .toList();
    }

    private void heartbeat(HeartbeatDue due) {
        String token;
        try {
            token = cipher.open(due.sealedToken());
        } catch (RuntimeException e) {
            // One unreadable token (its key removed too early) must not stop the heartbeats of every other task.
            LOG.warnf("Cannot heartbeat task %s: %s", due.taskId(), e.getMessage());
            return;
        }
        StepFunctionsGateway.Outcome outcome = stepFunctions.sendHeartbeat(token);
        if (outcome instanceof StepFunctionsGateway.Outcome.Delivered) {
            recordHeartbeat(due.taskId());
        } else if (outcome instanceof StepFunctionsGateway.Outcome.Closed
                || outcome instanceof StepFunctionsGateway.Outcome.Gone) {
            expireIfPending(due.taskId(), outcome.toString());
        } else {
            LOG.infof("Heartbeat for task %s failed, will try again: %s", due.taskId(), outcome);
        }
    }

    @Transactional
    void recordHeartbeat(UUID taskId) {
        ReviewTask.update("lastHeartbeatAt = ?1 where id = ?2", clock.instant(), taskId);
    }

    @Transactional
    void expireIfPending(UUID taskId, String answer) {
        ReviewTask task = ReviewTask.findById(taskId);
        if (task != null && task.status == TaskStatus.PENDING) {
            close(task, "The workflow stopped waiting for this review (heartbeat answered " + answer + ")");
        }
    }

    private void close(ReviewTask task, String reason) {
        task.status = TaskStatus.EXPIRED;
        task.statusReason = reason;
        task.closedAt = clock.instant();
        audit.record(AuditLog.SYSTEM, task.id, "TASK_EXPIRED", reason);
        LOG.infof("Task %s expired: %s", task.id, reason);
    }
}
