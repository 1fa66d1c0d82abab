package dev.signoff.notify;

import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskSummary;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * What a DIGEST notice says, read when it is sent: the daily digest lists the person's waiting tasks (occurrence: the
 * date); a burst digest (occurrence "burst ...") lists the tasks held for it; a held task's own notice is never
 * mailed. Each task shows its title, workflow, due time (overdue ones marked, and first) and its link; no token.
 */
@ApplicationScoped
class Digests {

    /** One task in a digest. */
    record Item(String title, String workflow, String due, boolean overdue, String link) {}

    /** A digest mail: heading, a sentence on what it lists, the tasks, how many more there are, and why it came. */
    record DigestMail(String heading, String lead, List<Item> items, int more, String reason) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance digestHtml(DigestMail mail);

        static native TemplateInstance digestText(DigestMail mail);
    }

    private static final String HELD = "select task_id from notification where kind = 'DIGEST' and recipient = ?1"
            + " and occurrence = ?2 and task_id is not null";

    private final NotifyConfig config;
    private final WaitingTasks waiting;
    private final Delegations delegations;
    private final Clock clock;

    Digests(NotifyConfig config, WaitingTasks waiting, Delegations delegations, Clock clock) {
        this.config = config;
        this.waiting = waiting;
        this.delegations = delegations;
        this.clock = clock;
    }

    /** Called by {@link Messages} inside its transaction. */
    Messages.Outgoing compose(NotificationStore.Claimed notice) {
        if (notice.taskId() != null) {
            return new Messages.Skip("held for the burst digest " + notice.occurrence());
        }
        if (notice.occurrence().startsWith(Bursts.PREFIX)) {
            return burst(notice);
        }
        if (delegations.active(notice.recipient()).isPresent()) {
            return new Messages.Skip("away: their tasks go to their delegate");
        }
        List<ReviewTask> tasks = waiting.forPerson(notice.recipient());
        if (tasks.isEmpty()) {
            return new Messages.Skip("nothing waiting");
        }
        long overdue = tasks.stream().filter(this::overdue).count();
        return mail(
                "Your reviews for " + notice.occurrence() + ": " + count(tasks.size()) + " waiting"
                        + (overdue > 0 ? ", " + overdue + " overdue" : ""),
                new DigestMail(
                        "Daily digest",
                        count(tasks.size()) + " wait for your decision" + (overdue > 0 ? ", overdue ones first." : "."),
                        items(tasks),
                        Math.max(0, tasks.size() - config.digest().maxTasks()),
                        "You get one digest a day instead of a mail per task (your notification settings)."));
    }

    @SuppressWarnings("unchecked")
    private Messages.Outgoing burst(NotificationStore.Claimed notice) {
        List<UUID> held = Panache.getEntityManager()
                .createNativeQuery(HELD)
                .setParameter(1, notice.recipient())
                .setParameter(2, notice.occurrence())
                .getResultList();
        List<ReviewTask> tasks = waiting.decidableBy(notice.recipient(), held).stream()
                .sorted(Comparator.comparing((ReviewTask t) -> t.dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(t -> t.receivedAt))
                .toList();
        if (tasks.isEmpty()) {
            return new Messages.Skip("the held tasks no longer wait");
        }
        return mail(
                tasks.size() + " more " + (tasks.size() == 1 ? "review" : "reviews") + " arrived for you",
                new DigestMail(
                        "More reviews",
                        "So many reviews arrived at once that these " + count(tasks.size())
                                + " come in one mail instead of one each.",
                        items(tasks),
                        Math.max(0, tasks.size() - config.digest().maxTasks()),
                        "You are one of the reviewers these requests are assigned to."));
    }

    private Messages.Outgoing mail(String subject, DigestMail mail) {
        return new Messages.Mail(new Email(
                MailComposer.subjectLine(subject),
                Templates.digestText(mail).render(),
                Templates.digestHtml(mail).render()));
    }

    private List<Item> items(List<ReviewTask> tasks) {
        return tasks.stream()
                .limit(config.digest().maxTasks())
                .map(t -> new Item(
                        t.title,
                        TaskSummary.stateMachineName(t.stateMachineArn, t.executionArn),
                        MailComposer.whenOrNull(t.dueAt),
                        overdue(t),
                        TaskBrief.link(config.baseUrl().toString(), t.id)))
                .toList();
    }

    private boolean overdue(ReviewTask task) {
        Instant now = clock.instant();
        return task.dueAt != null && task.dueAt.isBefore(now);
    }

    private static String count(int n) {
        return n == 1 ? "1 review" : n + " reviews";
    }
}
