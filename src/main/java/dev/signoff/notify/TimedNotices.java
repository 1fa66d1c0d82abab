package dev.signoff.notify;

import dev.signoff.contract.ReviewRequest;
import dev.signoff.review.TaskOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A new task's notices for later, written with the task: a reminder before its dueAt for each configured offset, and a
 * warning before its deadline (the earlier of timeoutAt and expiresAt). Each waits in the outbox until its time; when
 * it is claimed, {@link TimedMessages} looks at the task again and sends it only if it still has something to say.
 */
@ApplicationScoped
class TimedNotices {

    static final String DUE = "due";
    static final String DEADLINE = "deadline";

    private final NotifyConfig config;
    private final Recipients recipients;
    private final Notifications notifications;
    private final Clock clock;

    TimedNotices(NotifyConfig config, Recipients recipients, Notifications notifications, Clock clock) {
        this.config = config;
        this.recipients = recipients;
        this.notifications = notifications;
        this.clock = clock;
    }

    void onOpened(@Observes TaskOpened opened) {
        if (!config.enabled()) {
            return;
        }
        // The task's times are the request's, as it was opened: no need to load the task back.
        ReviewRequest request = opened.request();
        Instant now = clock.instant();
        List<Offsets.Occurrence> ahead = new ArrayList<>();
        ahead.addAll(Offsets.ahead(
                DUE, request.dueAt().orElse(null), config.reminders().beforeDue(), now));
        ahead.addAll(Offsets.ahead(
                DEADLINE,
                Offsets.earliest(
                        request.timeoutAt().orElse(null), request.expiresAt().orElse(null)),
                config.deadlineWarnings().before(),
                now));
        if (ahead.isEmpty()) {
            return;
        }
        List<Notice> notices = new ArrayList<>();
        for (Person person : recipients.assignees(opened.request())) {
            for (Offsets.Occurrence o : ahead) {
                notices.add(notice(opened.taskId(), person, o));
            }
        }
        notifications.write(notices);
    }

    static Notice notice(java.util.UUID taskId, Person person, Offsets.Occurrence o) {
        return Notice.mail(kind(o), taskId, person, o.key(), o.sendAt());
    }

    static Notification.Kind kind(Offsets.Occurrence o) {
        return o.prefix().equals(DUE) ? Notification.Kind.REMINDER : Notification.Kind.DEADLINE_WARNING;
    }
}
