package dev.signoff.notify;

import dev.signoff.review.TaskOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;

/** A new task: one mail to each assignee, written in the transaction that stores the task. */
@ApplicationScoped
class NewTaskNotices {

    private final NotifyConfig config;
    private final Recipients recipients;
    private final Notifications notifications;
    private final Clock clock;

    NewTaskNotices(NotifyConfig config, Recipients recipients, Notifications notifications, Clock clock) {
        this.config = config;
        this.recipients = recipients;
        this.notifications = notifications;
        this.clock = clock;
    }

    void onOpened(@Observes TaskOpened opened) {
        if (!config.enabled()) {
            return;
        }
        List<Notice> notices = recipients.assignees(opened.request()).stream()
                .map(person -> Notice.mail(Notification.Kind.NEW_TASK, opened.taskId(), person, "", clock.instant()))
                .toList();
        notifications.write(notices);
    }
}
