package dev.signoff.notify;

import dev.signoff.audit.AuditLog;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskAdministration;
import dev.signoff.review.TaskStatus;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Takes one escalation step for one task, in its own transaction. The step's row in {@code escalation_step} (V21) is
 * the guard: inserted first, under its primary key, so the step, its mails and its audit event happen once however
 * often the sweep finds the task, and on however many instances. Two instances inserting at the same moment: one
 * commits, the other's transaction fails on the key and changes nothing.
 */
@ApplicationScoped
class EscalationSteps {

    private static final String GUARD = "insert into escalation_step (task_id, step, done_at) select ?1, ?2, ?3"
            + " where not exists (select 1 from escalation_step where task_id = ?1 and step = ?2)";

    private final Directory directory;
    private final Notifications notifications;
    private final TaskAdministration administration;
    private final AuditLog audit;

    EscalationSteps(
            Directory directory, Notifications notifications, TaskAdministration administration, AuditLog audit) {
        this.directory = directory;
        this.notifications = notifications;
        this.administration = administration;
        this.audit = audit;
    }

    /** Takes the step unless it was taken already or the task no longer waits; true when this call took it. */
    @Transactional
    boolean take(UUID taskId, EscalationLadder.Step step, Instant now) {
        ReviewTask task = ReviewTask.findById(taskId);
        if (task == null || task.status() != TaskStatus.PENDING || !guard(taskId, step.name(), now)) {
            return false;
        }
        String waited = Offsets.words(step.after());
        List<Person> members = directory.members(step.group());
        if (step.reassign()) {
            administration.addGroup(
                    taskId,
                    step.group(),
                    AuditLog.SYSTEM,
                    null,
                    "ESCALATED",
                    "to " + step.group() + " after " + waited + " waiting; " + step.group() + " may now decide it too");
        } else {
            audit.record(
                    AuditLog.SYSTEM,
                    taskId,
                    "ESCALATION_NOTIFIED",
                    step.group() + " told after " + waited + " waiting (" + people(members.size()) + ")");
        }
        notifications.write(members.stream()
                .map(p -> Notice.mail(Notification.Kind.ESCALATION, taskId, p, step.occurrence(), now))
                .toList());
        return true;
    }

    private static boolean guard(UUID taskId, String step, Instant now) {
        return Panache.getEntityManager()
                        .createNativeQuery(GUARD)
                        .setParameter(1, taskId)
                        .setParameter(2, step)
                        .setParameter(3, now)
                        .executeUpdate()
                == 1;
    }

    private static String people(int n) {
        return n == 1 ? "1 person" : n + " people";
    }
}
