package dev.signoff.notify;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Turns a notice about a task into a mail, from type-safe Qute templates (templates/MailComposer/): an HTML and a
 * plain-text body, no remote images, and exactly one link, to the task page. There is no approve or reject link and no
 * token: a mail scanner that fetches every link changes nothing.
 */
@ApplicationScoped
class MailComposer {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int MAX_SUBJECT = 160;

    /**
     * What one mail about one task shows.
     *
     * @param heading the first line, e.g. "Review needed"
     * @param lead a sentence on why this mail comes now
     * @param reason why the recipient gets it at all (their group, their name on the request)
     */
    record TaskMail(String heading, String lead, TaskBrief task, String due, String stopsWaiting, String reason) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance taskHtml(TaskMail mail);

        static native TemplateInstance taskText(TaskMail mail);
    }

    private final Clock clock;

    MailComposer(Clock clock) {
        this.clock = clock;
    }

    Email newTask(TaskBrief task) {
        String due = task.dueAt() == null ? "" : " (due " + when(task.dueAt()) + ")";
        return compose(
                "Review needed: " + task.title() + due,
                new TaskMail(
                        "Review needed",
                        "A workflow is waiting for a decision"
                                + (task.dueAt() == null ? "." : " by " + when(task.dueAt()) + "."),
                        task,
                        whenOrNull(task.dueAt()),
                        stopsWaiting(task),
                        "You are one of the reviewers this request is assigned to."));
    }

    Email compose(String subject, TaskMail mail) {
        return new Email(
                subjectLine(subject),
                Templates.taskText(mail).render(),
                Templates.taskHtml(mail).render());
    }

    /** When Step Functions or Signoff stops waiting, whichever comes first; null when neither is set. */
    String stopsWaiting(TaskBrief task) {
        Instant first = earliest(task.timeoutAt(), task.expiresAt());
        return first == null ? null : when(first) + " (" + inWords(Duration.between(clock.instant(), first)) + ")";
    }

    static String when(Instant instant) {
        return WHEN.format(instant);
    }

    static String whenOrNull(Instant instant) {
        return instant == null ? null : when(instant);
    }

    /** "in 3 hours", "in 2 days", "5 minutes ago". */
    static String inWords(Duration left) {
        boolean past = left.isNegative();
        Duration d = left.abs();
        String amount;
        if (d.toDays() >= 2) {
            amount = d.toDays() + " days";
        } else if (d.toHours() >= 2) {
            amount = d.toHours() + " hours";
        } else if (d.toMinutes() >= 2) {
            amount = d.toMinutes() + " minutes";
        } else {
            amount = "a minute";
        }
        return past ? amount + " ago" : "in " + amount;
    }

    /**
     * A subject line from agent-written text: one line (a CR or LF would start a new header), no control or
     * direction-changing characters, and not longer than a mail client shows.
     */
    static String subjectLine(String subject) {
        StringBuilder line = new StringBuilder(subject.length());
        subject.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || isBidiControl(c)) {
                line.append(' ');
            } else {
                line.appendCodePoint(c);
            }
        });
        String collapsed = line.toString().replaceAll("\\s+", " ").strip();
        return collapsed.length() <= MAX_SUBJECT ? collapsed : collapsed.substring(0, MAX_SUBJECT - 1) + "…";
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E
                || c == 0x200F
                || c == 0x061C
                || (c >= 0x200B && c <= 0x200D)
                || c == 0xFEFF;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
