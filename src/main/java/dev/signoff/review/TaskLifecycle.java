package dev.signoff.review;

import dev.signoff.audit.AuditLog;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.ExpiryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one owner of a review task's status. Every transition is a method here: a conditional update that applies only
 * from the statuses it names, with its audit event written in the caller's transaction. It returns false when the task
 * had already left those statuses, so of two changes racing (a reviewer deciding as the review expires, two instances
 * running the same sweep) exactly one wins, and a batch skips the task it lost instead of failing as a whole. Nothing
 * else writes {@code review_task.status}.
 *
 * <pre>
 *   PENDING ──decide──► DECIDED ──delivered──► DELIVERED
 *     │ ▲ approve (an N-of-M approval counted; the last one needed is followed by decide)
 *     │                   ├──callbackExpired──► EXPIRED (Step Functions stopped waiting)
 *     │                   ├──deliveryFailed───► DELIVERY_FAILED
 *     │                   └──deliveryUnconfirmed──► DELIVERY_UNCONFIRMED (ambiguous, history cannot tell)
 *     ├──expire──► EXPIRED ──(its Signoff.Expired callback) deliveryFailed / callbackExpired
 *     ├──cancel / supersede──► CANCELLED (the execution ended or was redriven: no callback)
 *     └──cancelByAdmin──► CANCELLED ──(its Signoff.Cancelled callback) deliveryFailed / callbackExpired
 * </pre>
 */
@ApplicationScoped
public class TaskLifecycle {

    private static final Logger LOG = Logger.getLogger(TaskLifecycle.class);
    private static final Set<TaskStatus> OPEN = EnumSet.of(TaskStatus.PENDING);
    private static final Set<TaskStatus> DECIDED = EnumSet.of(TaskStatus.DECIDED);
    // An EXPIRED task still has a callback on its way when Signoff closed it (Signoff.Expired), and so has a task an
    // admin cancelled (Signoff.Cancelled). A task cancelled because its execution ended has no callback, so no
    // delivery result ever reaches it.
    private static final Set<TaskStatus> AWAITING_DELIVERY =
            EnumSet.of(TaskStatus.DECIDED, TaskStatus.EXPIRED, TaskStatus.CANCELLED);
    // The execution waits while a review is open and while its decision is on the way.
    private static final Set<TaskStatus> HEARTBEATING = EnumSet.of(TaskStatus.PENDING, TaskStatus.DECIDED);

    private final AuditLog audit;
    private final Clock clock;
    private final ReviewConfig config;
    private final Event<TaskOpened> opened;
    private final Event<TaskClosed> closed;

    TaskLifecycle(
            AuditLog audit, Clock clock, ReviewConfig config, Event<TaskOpened> opened, Event<TaskClosed> closed) {
        this.audit = audit;
        this.clock = clock;
        this.config = config;
        this.opened = opened;
        this.closed = closed;
    }

    /** A validated request to store as a PENDING task; the token arrives sealed and is never stored in clear. */
    public record NewTask(ReviewRequest request, String requestJson, String tokenHash, String sealedToken) {}

    /** Stores a validated request as a PENDING task. The token arrives sealed and is never stored in clear. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID open(ReviewRequest request, String requestJson, String tokenHash, String sealedToken) {
        return openAll(List.of(new NewTask(request, requestJson, tokenHash, sealedToken)))
                .get(0);
    }

    /**
     * Stores validated requests as PENDING tasks (their ids in the same order). The tasks, their assignees and their
     * TASK_OPENED events go in as one plain JDBC batch each ({@link NewTaskRows}), which costs a received batch a
     * fraction of the CPU Hibernate's persist and flush of them did (docs/performance.md, "Intake"); a later read of
     * a task in the transaction loads its row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> openAll(List<NewTask> requests) {
        List<ReviewTask> tasks = requests.stream()
                .map(r -> ReviewTask.fromRequest(
                        r.request(),
                        r.requestJson(),
                        r.tokenHash(),
                        r.sealedToken(),
                        clock.instant(),
                        config.onExpiry()))
                .toList();
        NewTaskRows.insertAll(tasks);
        List<TaskAssignee.Key> assignees = new ArrayList<>();
        List<AuditLog.Entry> events = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            UUID id = tasks.get(i).id;
            ReviewRequest request = requests.get(i).request();
            request.assignees().groups().forEach(g -> assignees.add(key(id, TaskAssignee.Kind.GROUP, g)));
            request.assignees().users().forEach(u -> assignees.add(key(id, TaskAssignee.Kind.USER, u)));
            events.add(new AuditLog.Entry(id, "from " + request.executionArn()));
        }
        TaskAssignee.insertAll(assignees);
        audit.recordAll("TASK_OPENED", events);
        for (int i = 0; i < tasks.size(); i++) {
            opened.fire(new TaskOpened(tasks.get(i).id, requests.get(i).request()));
        }
        return tasks.stream().map(t -> t.id).toList();
    }

    private static TaskAssignee.Key key(UUID taskId, TaskAssignee.Kind kind, String name) {
        return new TaskAssignee.Key(taskId, kind.name(), name);
    }

    /** Where a task stands now, read from the database rather than from any entity loaded before. */
    public record State(TaskStatus status, String statusReason, Instant expiresAt) {}

    /**
     * PENDING -> DECIDED, and only inside the review window: a decision at or after the request's expiresAt loses,
     * even before the upkeep round closes the review, unless the review keeps waiting past it (onExpiry notify).
     * False: someone or something else decided or closed it first, or the window had closed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean decide(UUID taskId, String reviewerId, String reviewerName, String detail, Instant decidedAt) {
        boolean moved = ReviewTask.update(
                        "status = ?1, decidedAt = ?2, version = version + 1 where id = ?3 and status in ?4"
                                + " and (expiresAt is null or expiresAt > ?2 or onExpiry = ?5)",
                        TaskStatus.DECIDED,
                        decidedAt,
                        taskId,
                        OPEN,
                        ExpiryPolicy.NOTIFY)
                == 1;
        if (moved) {
            audit.record(reviewerId, reviewerName, taskId, "DECIDED", detail);
            closed.fire(new TaskClosed(taskId, TaskStatus.DECIDED));
        }
        return moved;
    }

    /**
     * Not a status change: holds the row of a task still open to a decision (as {@link #decide} would find it) until
     * the caller's transaction ends, so approvals of one task are counted one after the other. False: not open.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean holdForApproval(UUID taskId, Instant at) {
        return ReviewTask.update(
                        "version = version + 1 where id = ?1 and status in ?2"
                                + " and (expiresAt is null or expiresAt > ?3 or onExpiry = ?4)",
                        taskId,
                        OPEN,
                        at,
                        ExpiryPolicy.NOTIFY)
                == 1;
    }

    /**
     * PENDING stays PENDING: an approval was counted toward the task's approval policy ({@link TaskApprovals}, under
     * {@link #holdForApproval}). Records how many approvals count now, for the inbox, and audits it as APPROVAL.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean approve(UUID taskId, String reviewerId, String reviewerName, int counted, String detail) {
        boolean open = ReviewTask.update(
                        "approvalsCount = ?1, version = version + 1 where id = ?2 and status in ?3",
                        counted,
                        taskId,
                        OPEN)
                == 1;
        if (open) {
            audit.record(reviewerId, reviewerName, taskId, "APPROVAL", detail);
        }
        return open;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public State state(UUID taskId) {
        Object[] row = ReviewTask.getEntityManager()
                .createQuery(
                        "select t.status, t.statusReason, t.expiresAt from ReviewTask t where t.id = ?1",
                        Object[].class)
                .setParameter(1, taskId)
                .getSingleResult();
        return new State((TaskStatus) row[0], (String) row[1], (Instant) row[2]);
    }

    /** DECIDED -> DELIVERED: Step Functions accepted the callback. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean delivered(UUID taskId, String note) {
        return close(taskId, DECIDED, TaskStatus.DELIVERED, note, "CALLBACK_DELIVERED");
    }

    /** DECIDED (or EXPIRED / CANCELLED with its callback on the way) -> EXPIRED: the workflow no longer waits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean callbackExpired(UUID taskId, String reason) {
        return close(taskId, AWAITING_DELIVERY, TaskStatus.EXPIRED, reason, "CALLBACK_EXPIRED");
    }

    /** DECIDED, EXPIRED or CANCELLED -> DELIVERY_FAILED: the callback was refused for good or ran out of attempts. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean deliveryFailed(UUID taskId, String reason) {
        return close(taskId, AWAITING_DELIVERY, TaskStatus.DELIVERY_FAILED, reason, "CALLBACK_FAILED");
    }

    /**
     * DECIDED or EXPIRED -> DELIVERY_UNCONFIRMED: Step Functions' answer was ambiguous and the execution history could
     * not tell whether the callback landed. Left for an admin; heartbeats stop.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean deliveryUnconfirmed(UUID taskId, String reason) {
        return close(taskId, AWAITING_DELIVERY, TaskStatus.DELIVERY_UNCONFIRMED, reason, "CALLBACK_UNCONFIRMED");
    }

    /**
     * DELIVERY_FAILED -> DECIDED (EXPIRED for a Signoff.Expired callback, CANCELLED for Signoff.Cancelled): an admin
     * sends the failed callback again, so the task awaits its delivery once more and the dispatcher's result moves it
     * on as usual.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean redeliver(UUID taskId, TaskStatus to, String actor, String actorName, String reason) {
        if (!AWAITING_DELIVERY.contains(to)) {
            throw new IllegalArgumentException("A callback is never awaited in " + to);
        }
        boolean moved = ReviewTask.update(
                        "status = ?1, statusReason = ?2, version = version + 1 where id = ?3 and status = ?4",
                        to,
                        reason,
                        taskId,
                        TaskStatus.DELIVERY_FAILED)
                == 1;
        if (moved) {
            audit.record(actor, actorName, taskId, "CALLBACK_RETRIED", reason);
        }
        return moved;
    }

    /** PENDING -> EXPIRED: the workflow stopped waiting, or nobody decided by the request's expiresAt. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean expire(UUID taskId, String reason) {
        return closedOpen(taskId, TaskStatus.EXPIRED, close(taskId, OPEN, TaskStatus.EXPIRED, reason, "TASK_EXPIRED"));
    }

    /** PENDING -> CANCELLED: the execution ended before anyone decided. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean cancel(UUID taskId, String reason) {
        return closedOpen(
                taskId, TaskStatus.CANCELLED, close(taskId, OPEN, TaskStatus.CANCELLED, reason, "TASK_CANCELLED"));
    }

    /**
     * PENDING -> CANCELLED by an admin, who tells the workflow (Signoff.Cancelled) in the same transaction. Of a
     * reviewer deciding and an admin cancelling at once, exactly one update changes the row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean cancelByAdmin(UUID taskId, String actor, String actorName, String reason) {
        return closedOpen(
                taskId,
                TaskStatus.CANCELLED,
                close(taskId, OPEN, TaskStatus.CANCELLED, reason, "TASK_CANCELLED", actor, actorName));
    }

    /**
     * PENDING -> CANCELLED: a redrive of the execution sent a new request for the same state, so this review's token
     * belongs to a run that ended (see {@link TaskRedrives}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean supersede(UUID taskId, String reason) {
        return close(taskId, OPEN, TaskStatus.CANCELLED, reason, "TASK_CANCELLED");
    }

    /** Not a transition: records a heartbeat and when the next one is due, while the execution still waits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void heartbeatSent(UUID taskId, int heartbeatSeconds) {
        Instant now = clock.instant();
        String sent = "lastHeartbeatAt = ?1, nextHeartbeatAt = ?2 where id = ?3 and status in ?4";
        int later = ReviewTask.update(
                sent + " and lastHeartbeatAt is not null",
                now,
                ReviewTask.nextHeartbeat(now, heartbeatSeconds),
                taskId,
                HEARTBEATING);
        if (later == 0) {
            ReviewTask.update(
                    sent + " and lastHeartbeatAt is null",
                    now,
                    ReviewTask.secondHeartbeat(taskId, now, heartbeatSeconds),
                    taskId,
                    HEARTBEATING);
        }
    }

    /** Tells the observers of {@link TaskClosed} when an open review was closed without a decision. */
    private boolean closedOpen(UUID taskId, TaskStatus to, boolean moved) {
        if (moved) {
            closed.fire(new TaskClosed(taskId, to));
        }
        return moved;
    }

    private boolean close(UUID taskId, Set<TaskStatus> from, TaskStatus to, String reason, String auditType) {
        return close(taskId, from, to, reason, auditType, AuditLog.SYSTEM, null);
    }

    private boolean close(
            UUID taskId,
            Set<TaskStatus> from,
            TaskStatus to,
            String reason,
            String auditType,
            String actor,
            String actorName) {
        boolean moved = ReviewTask.update(
                        "status = ?1, statusReason = ?2, closedAt = ?3, nextHeartbeatAt = null, version = version + 1"
                                + " where id = ?4 and status in ?5",
                        to,
                        reason,
                        clock.instant(),
                        taskId,
                        from)
                == 1;
        if (moved) {
            audit.record(actor, actorName, taskId, auditType, reason);
            LOG.infof("Task %s is %s: %s", taskId, to, reason);
        } else {
            LOG.debugf("Task %s was no longer %s; left as it is (wanted %s)", taskId, from, to);
        }
        return moved;
    }
}
