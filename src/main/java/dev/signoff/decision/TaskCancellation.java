package dev.signoff.decision;

import dev.signoff.contract.Callback;
import dev.signoff.contract.CallbackPayload;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskLifecycle;
import dev.signoff.security.Reviewer;
import dev.signoff.security.SealedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * An admin cancels a waiting review: the task closes and its workflow is failed with Signoff.Cancelled, through the
 * outbox like every callback, so the web request that cancels never calls Step Functions and the workflow gets
 * exactly one answer. The close is the same conditional update a decision races with: one of them wins.
 */
@ApplicationScoped
public class TaskCancellation {

    private static final Logger LOG = Logger.getLogger(TaskCancellation.class);

    private final TaskLifecycle lifecycle;
    private final Outbox outbox;
    private final CallbackPayload payloads;
    private final Clock clock;

    TaskCancellation(TaskLifecycle lifecycle, Outbox outbox, CallbackPayload payloads, Clock clock) {
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.payloads = payloads;
        this.clock = clock;
    }

    /** False: the task no longer waited (decided, expired or cancelled first) and nothing changed. */
    @Transactional
    public boolean cancel(UUID taskId, Reviewer admin, String reason) {
        ReviewTask task = ReviewTask.findById(taskId);
        if (task == null) {
            return false;
        }
        String detail = "Cancelled by " + admin.displayName() + "; the workflow is told (" + CallbackPayload.CANCELLED
                + "): " + reason;
        if (!lifecycle.cancelByAdmin(taskId, admin.id(), admin.displayName(), detail)) {
            return false;
        }
        Instant now = clock.instant();
        Callback callback = payloads.cancelled(taskId.toString(), reason, CallbackReviewers.of(admin), now);
        outbox.enqueueFailure(
                taskId,
                null,
                null,
                task.executionArn,
                new SealedToken(task.tokenCiphertext, task.tokenHash),
                callback.error(),
                callback.cause());
        LOG.infof("Task %s cancelled by an admin; sending %s", taskId, CallbackPayload.CANCELLED);
        return true;
    }
}
