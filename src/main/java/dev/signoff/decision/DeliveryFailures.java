package dev.signoff.decision;

import dev.signoff.audit.AuditLog;
import dev.signoff.contract.CallbackPayload;
import dev.signoff.review.TaskLifecycle;
import dev.signoff.review.TaskStatus;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

/**
 * What an admin can do about a callback that gave up (FAILED) or cannot tell whether it landed (UNCONFIRMED): send
 * it again, or mark it handled with a note. A retry never calls Step Functions itself: it puts the row back in the
 * outbox, where the dispatcher claims it under its fenced lease like any other, so at most one result is recorded.
 */
@ApplicationScoped
public class DeliveryFailures {

    /** Why a retry was refused, in words an admin reads on the dashboard. */
    public static class NotRetryable extends RuntimeException {
        public NotRetryable(String message) {
            super(message);
        }
    }

    /**
     * A FAILED row is worth sending again only while the execution may still wait for it: no other callback for the
     * same token is delivered or on its way, its execution is not known to have ended, and Step Functions' own
     * deadline for the token has not passed. UNCONFIRMED rows are never retried: they may have landed already.
     */
    static final String BLOCKER = "select case"
            + " when o.status <> 'FAILED' or o.handled_at is not null then 'it is no longer a failed delivery'"
            + " when exists (select 1 from outbox x where x.token_hash = o.token_hash and x.id <> o.id"
            + "   and x.status in ('PENDING', 'DELIVERED')) then 'another callback for this task is delivered or queued'"
            + " when exists (select 1 from ended_execution e where e.execution_arn = o.execution_arn)"
            + "   then 'its execution has ended'"
            + " when exists (select 1 from review_task t where t.id = o.task_id"
            + "   and (t.status <> 'DELIVERY_FAILED' or t.timeout_at <= ?2)) then 'the workflow no longer waits for it'"
            + " else null end from outbox o where o.id = ?1";

    private final TaskLifecycle lifecycle;
    private final AuditLog audit;
    private final Clock clock;
    private final Event<Outbox.Queued> queued;

    DeliveryFailures(TaskLifecycle lifecycle, AuditLog audit, Clock clock, Event<Outbox.Queued> queued) {
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.clock = clock;
        this.queued = queued;
    }

    /** Null when the failed callback {@code outboxId} may be sent again; otherwise why not. */
    @Transactional
    public String whyNotRetryable(UUID outboxId) {
        var rows = Panache.getEntityManager()
                .createNativeQuery(BLOCKER)
                .setParameter(1, outboxId)
                .setParameter(2, clock.instant())
                .getResultList();
        return rows.isEmpty() ? "there is no such delivery" : (String) rows.get(0);
    }

    /** Puts a failed callback back in the outbox, due now, with fresh attempts; the dispatcher sends it. */
    @Transactional
    public void retry(UUID outboxId, String actor, String actorName, String reason) {
        String blocker = whyNotRetryable(outboxId);
        if (blocker != null) {
            throw new NotRetryable("Not sent again: " + blocker + ".");
        }
        OutboxEntry entry = OutboxEntry.findById(outboxId);
        // Conditional on FAILED: of two admins pressing at once, one re-queues it and the other is refused.
        boolean ours = OutboxEntry.update(
                        "status = ?1, attempts = 0, nextAttemptAt = ?2, leaseUntil = null, claimToken = null,"
                                + " lastError = ?3 where id = ?4 and status = ?5",
                        OutboxEntry.Status.PENDING,
                        clock.instant(),
                        "Sent again by " + actorName + ": " + reason,
                        outboxId,
                        OutboxEntry.Status.FAILED)
                == 1;
        if (!ours) {
            throw new NotRetryable("Not sent again: someone else acted on it first.");
        }
        if (entry.taskId == null) {
            // A Signoff.InvalidRequest callback for a quarantined request: no task to reopen.
            audit.record(actor, actorName, null, "CALLBACK_RETRIED", reason);
        } else if (!lifecycle.redeliver(entry.taskId, awaiting(entry), actor, actorName, reason)) {
            throw new NotRetryable("Not sent again: the task is no longer waiting for its delivery.");
        }
        queued.fire(new Outbox.Queued(outboxId));
    }

    /**
     * Takes every failed, unhandled callback for this token off the dashboard with the note, and out of reach of Retry
     * now: a quarantined request re-processed into a task, which is what answers the execution from now on.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int settleForToken(String tokenHash, String actor, String actorName, String note) {
        return Panache.getEntityManager()
                .createNativeQuery("update outbox set handled_at = ?1, handled_by = ?2, handled_note = ?3"
                        + " where token_hash = ?4 and status = 'FAILED' and handled_at is null")
                .setParameter(1, clock.instant())
                .setParameter(2, actor)
                .setParameter(3, note)
                .setParameter(4, tokenHash)
                .executeUpdate();
    }

    /** The status a task has while this callback is on its way (before it failed). */
    private static TaskStatus awaiting(OutboxEntry entry) {
        if (entry.decisionId != null) {
            return TaskStatus.DECIDED;
        }
        return CallbackPayload.CANCELLED.equals(entry.errorCode) ? TaskStatus.CANCELLED : TaskStatus.EXPIRED;
    }

    /** Takes a failed or unconfirmed callback off the dashboard with the admin's note; the row itself stays. */
    @Transactional
    public boolean markHandled(UUID outboxId, String actor, String actorName, String note) {
        int updated = Panache.getEntityManager()
                .createNativeQuery("update outbox set handled_at = ?1, handled_by = ?2, handled_note = ?3"
                        + " where id = ?4 and status in ('FAILED', 'UNCONFIRMED') and handled_at is null")
                .setParameter(1, clock.instant())
                .setParameter(2, actor)
                .setParameter(3, note)
                .setParameter(4, outboxId)
                .executeUpdate();
        if (updated == 1) {
            UUID taskId = OutboxEntry.<OutboxEntry>findByIdOptional(outboxId)
                    .map(e -> e.taskId)
                    .orElse(null);
            audit.record(actor, actorName, taskId, "CALLBACK_HANDLED", note);
        }
        return updated == 1;
    }
}
