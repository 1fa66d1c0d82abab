package dev.signoff.notify;

import dev.signoff.contract.ReviewRequest;
import dev.signoff.review.ReviewService;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskApprovals;
import dev.signoff.review.TaskClaims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a reminder, a deadline warning or an escalation says when it is claimed, read from the task as it is then:
 * nothing (with the reason) when the task no longer waits, when this reviewer already acted on it or is no longer
 * among its assignees, or when its time moved (the notice for the new time is written, and this one skipped).
 */
@ApplicationScoped
class TimedMessages {

    private final ReviewService reviews;
    private final TaskClaims claims;
    private final TaskApprovals approvals;
    private final Directory directory;
    private final Notifications notifications;
    private final MailComposer composer;
    private final Clock clock;

    TimedMessages(
            ReviewService reviews,
            TaskClaims claims,
            TaskApprovals approvals,
            Directory directory,
            Notifications notifications,
            MailComposer composer,
            Clock clock) {
        this.reviews = reviews;
        this.claims = claims;
        this.approvals = approvals;
        this.directory = directory;
        this.notifications = notifications;
        this.composer = composer;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Messages.Outgoing compose(NotificationStore.Claimed notice, ReviewTask task, TaskBrief brief) {
        if (!brief.waiting()) {
            return new Messages.Skip("already " + brief.status().name().toLowerCase(Locale.ROOT));
        }
        if (notice.kind() == Notification.Kind.ESCALATION) {
            return escalation(notice, brief);
        }
        Offsets.Occurrence occurrence = Offsets.parse(notice.occurrence()).orElse(null);
        if (occurrence == null) {
            return new Messages.Skip("unknown occurrence " + notice.occurrence());
        }
        boolean reminder = notice.kind() == Notification.Kind.REMINDER;
        Instant current = reminder ? task.dueAt : Offsets.earliest(task.timeoutAt, task.expiresAt);
        Instant now = clock.instant();
        Offsets.Timing timing = Offsets.timing(occurrence, current, now);
        if (timing instanceof Offsets.Timing.TooLate late) {
            return new Messages.Skip("too late: " + late.why());
        }
        if (timing instanceof Offsets.Timing.Moved moved) {
            Person to = new Person(notice.recipient(), null, notice.address());
            notifications.write(List.of(TimedNotices.notice(task.id, to, moved.next())));
            return new Messages.Skip("rescheduled: the task's " + (reminder ? "due time" : "deadline") + " moved to "
                    + MailComposer.when(current));
        }
        ReviewRequest request = reviews.request(task);
        if (!currentAssignees(task, request).contains(notice.recipient())) {
            return new Messages.Skip(notice.recipient() + " is no longer among the task's assignees");
        }
        if (reminder) {
            String acted = acted(task, request, notice.recipient());
            return acted == null
                    ? new Messages.Mail(reminder(brief, current, left(occurrence, current, now)))
                    : new Messages.Skip(notice.recipient() + " already " + acted);
        }
        return new Messages.Mail(warning(brief, task, current, left(occurrence, current, now)));
    }

    /** Whether this person already did their part: holds the claim ("on it"), or their approval counts. */
    private String acted(ReviewTask task, ReviewRequest request, String person) {
        if (claims.activeClaim(task).filter(c -> c.heldBy(person)).isPresent()) {
            return "claimed it";
        }
        boolean approved = approvals
                .progress(task.id, request)
                .map(p -> p.approvedBy(person))
                .orElse(false);
        return approved ? "approved it" : null;
    }

    /** The people the task is assigned to now (an admin or an escalation may have changed them since it opened). */
    private Set<String> currentAssignees(ReviewTask task, ReviewRequest request) {
        Set<String> ids = new HashSet<>();
        for (String assignee : reviews.assignees(task.id)) {
            if (assignee.startsWith("group ")) {
                directory.members(assignee.substring(6)).forEach(p -> ids.add(p.id()));
            } else {
                ids.add(assignee.substring(5));
            }
        }
        request.assignees().excludeUsers().forEach(ids::remove);
        request.requestedBy().ifPresent(ids::remove);
        return ids;
    }

    /**
     * "in 1 hour": the offset as configured when the notice goes out about on time (a round or two of the sender
     * later), else the time actually left.
     */
    static String left(Offsets.Occurrence occurrence, Instant moment, Instant now) {
        Duration left = Duration.between(now, moment);
        Duration late = occurrence.offset().minus(left);
        return late.compareTo(occurrence.offset().dividedBy(20)) <= 0
                ? "in " + Offsets.words(occurrence.offset())
                : MailComposer.inWords(left);
    }

    private Email reminder(TaskBrief brief, Instant due, String left) {
        return composer.compose(
                "Reminder: " + brief.title() + " is due " + left,
                new MailComposer.TaskMail(
                        "Reminder: a decision is due " + left,
                        "This review is due by " + MailComposer.when(due) + " and still waits for a decision.",
                        brief,
                        MailComposer.when(due),
                        composer.stopsWaiting(brief),
                        "You are one of its reviewers and have not claimed or approved it yet."));
    }

    private Email warning(TaskBrief brief, ReviewTask task, Instant deadline, String left) {
        boolean stepFunctions = task.timeoutAt != null && task.timeoutAt.equals(deadline);
        String what = stepFunctions
                ? "the workflow stops waiting (its Step Functions timeout)"
                : "the review window closes (its expiresAt)";
        return composer.compose(
                "Deadline: " + brief.title() + " closes " + left,
                new MailComposer.TaskMail(
                        "Deadline " + left,
                        "Nobody has decided this review yet, and " + what + " at " + MailComposer.when(deadline) + ".",
                        brief,
                        MailComposer.whenOrNull(brief.dueAt()),
                        composer.stopsWaiting(brief),
                        "You are one of its reviewers."));
    }

    private Messages.Outgoing escalation(NotificationStore.Claimed notice, TaskBrief brief) {
        EscalationLadder.Step step =
                EscalationLadder.Step.parse(notice.occurrence()).orElse(null);
        if (step == null) {
            return new Messages.Skip("unknown occurrence " + notice.occurrence());
        }
        String waited = Offsets.words(step.after());
        boolean reassigned = step.reassign();
        String subject = reassigned
                ? "Escalated to " + step.group() + ": " + brief.title()
                : "Escalation: " + brief.title() + " has waited " + waited;
        String lead = reassigned
                ? "Nobody decided this review in " + waited + ", so it is now assigned to " + step.group()
                        + " as well: you can decide it."
                : "This review has waited " + waited + " for a decision and nobody has decided it yet.";
        return new Messages.Mail(composer.compose(
                subject,
                new MailComposer.TaskMail(
                        reassigned ? "Escalated to you" : "Escalation",
                        lead,
                        brief,
                        MailComposer.whenOrNull(brief.dueAt()),
                        composer.stopsWaiting(brief),
                        "You are in the escalation group " + step.group() + " of the workflow " + brief.workflow()
                                + ".")));
    }
}
