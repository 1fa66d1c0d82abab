package dev.signoff.review;

import dev.signoff.audit.AuditLog;
import dev.signoff.contract.ReviewRequest.ExpiryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What an admin changes on a waiting task besides its status: who may decide it, and when its review window closes.
 * Each change applies only to a PENDING task at the version the admin's request read, so it races a decision, an
 * expiry or another admin cleanly: one of them changes the row, the other is told. Audited with actor and reason.
 */
@ApplicationScoped
public class TaskAdministration {

    /** Why a change was refused; the caller tells the admin. */
    public enum Refusal {
        /** The task does not exist or no longer waits for a decision. */
        NOT_WAITING,
        /** Someone changed the task at the same moment. */
        CHANGED,
        /** The new expiresAt is after the task's timeoutAt, when Step Functions stops waiting. */
        AFTER_TIMEOUT
    }

    /** A refused change. */
    public static class Refused extends RuntimeException {
        private final Refusal refusal;

        Refused(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private final TaskClaims claims;
    private final AuditLog audit;

    TaskAdministration(TaskClaims claims, AuditLog audit) {
        this.claims = claims;
        this.audit = audit;
    }

    /**
     * Replaces the task's assignees; the inbox and the task page read them, so they follow at once. Signoff does not
     * know which groups a claim's holder is in, so a reassignment that removes anyone releases the claim, unless its
     * holder is named among the new users; one that only adds keeps it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reassign(
            UUID taskId, List<String> groups, List<String> users, String actor, String actorName, String reason) {
        ReviewTask task = waiting(taskId);
        List<String> before = assignees(taskId);
        bump(task);
        TaskAssignee.assign(taskId, groups, users);
        List<String> after = assignees(taskId);
        audit.record(
                actor,
                actorName,
                taskId,
                "REASSIGNED",
                "from " + String.join(", ", before) + " to " + String.join(", ", after) + ": " + reason);
        boolean removedAny = !after.containsAll(before);
        if (task.claimedBy != null && removedAny && !users.contains(task.claimedBy)) {
            claims.releaseOnReassign(taskId, actor, actorName);
        }
    }

    /**
     * Adds a group to the task's assignees and keeps everyone it had (an escalation): nobody loses the task, so a claim
     * holds. Conditional like {@link #reassign}, and audited as {@code type} with {@code detail}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addGroup(UUID taskId, String group, String actor, String actorName, String type, String detail) {
        ReviewTask task = waiting(taskId);
        bump(task);
        if (TaskAssignee.count("key.taskId = ?1 and key.kind = ?2 and key.name = ?3", taskId, "GROUP", group) == 0) {
            new TaskAssignee(taskId, TaskAssignee.Kind.GROUP, group).persist();
        }
        audit.record(actor, actorName, taskId, type, detail);
    }

    /**
     * Moves the review window's end; at it the task's expiry policy applies as it would have (review/TaskExpiry). The
     * caller has checked it lies ahead; this refuses one after the task's timeoutAt, since Step Functions stops
     * waiting then whatever Signoff does.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changeExpiry(UUID taskId, Instant expiresAt, String actor, String actorName, String reason) {
        ReviewTask task = waiting(taskId);
        if (task.timeoutAt != null && expiresAt.isAfter(task.timeoutAt)) {
            throw new Refused(
                    Refusal.AFTER_TIMEOUT,
                    "The review cannot close after " + task.timeoutAt + ": Step Functions stops waiting for this task"
                            + " then (its TimeoutSeconds), whatever Signoff does.");
        }
        Instant before = task.expiresAt;
        // The upkeep round looks again at the new end (expiryCheckAt, TaskExpiry), even for a "notify" review whose
        // window had passed; a review that had no window is failed at its new one.
        int updated = ReviewTask.update(
                "expiresAt = ?1, expiryCheckAt = ?1, onExpiry = coalesce(onExpiry, ?5), version = version + 1"
                        + " where id = ?2 and status = ?3 and version = ?4",
                expiresAt,
                taskId,
                TaskStatus.PENDING,
                task.version,
                ExpiryPolicy.FAIL);
        if (updated == 0) {
            throw changed(taskId);
        }
        audit.record(
                actor,
                actorName,
                taskId,
                "EXPIRY_CHANGED",
                "from " + (before == null ? "none" : before.toString()) + " to " + expiresAt + ": " + reason);
    }

    private static ReviewTask waiting(UUID taskId) {
        ReviewTask task = ReviewTask.findById(taskId);
        if (task == null || task.status() != TaskStatus.PENDING) {
            throw new Refused(Refusal.NOT_WAITING, "This review no longer waits for a decision.");
        }
        return task;
    }

    /** Takes the row at the version read (a racing decision or admin then waits, and finds it changed). */
    private static void bump(ReviewTask task) {
        int updated = ReviewTask.update(
                "version = version + 1 where id = ?1 and status = ?2 and version = ?3",
                task.id,
                TaskStatus.PENDING,
                task.version);
        if (updated == 0) {
            throw changed(task.id);
        }
    }

    /** Read from the database: the entity loaded before the update shows the status as it was then. */
    private static Refused changed(UUID taskId) {
        List<TaskStatus> now = ReviewTask.getEntityManager()
                .createQuery("select t.status from ReviewTask t where t.id = ?1", TaskStatus.class)
                .setParameter(1, taskId)
                .getResultList();
        return now.isEmpty() || now.get(0) != TaskStatus.PENDING
                ? new Refused(Refusal.NOT_WAITING, "This review no longer waits for a decision.")
                : new Refused(Refusal.CHANGED, "Someone changed this review at the same moment; look again.");
    }

    /** "group x" / "user y", sorted, read as values so no entity of the old rows stays in the session. */
    private static List<String> assignees(UUID taskId) {
        List<Object[]> rows = TaskAssignee.getEntityManager()
                .createQuery(
                        "select a.key.kind, a.key.name from TaskAssignee a where a.key.taskId = ?1", Object[].class)
                .setParameter(1, taskId)
                .getResultList();
        List<String> names = new ArrayList<>();
        for (Object[] row : rows) {
            names.add((row[0].equals("GROUP") ? "group " : "user ") + row[1]);
        }
        names.sort(null);
        return names;
    }
}
