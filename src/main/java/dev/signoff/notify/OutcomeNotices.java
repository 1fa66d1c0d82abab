package dev.signoff.notify;

import dev.signoff.review.ReviewService;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;

/**
 * A review closed (decided, expired, cancelled): one mail to its requester, when the directory knows them, written in
 * the transaction that closes it. A task closes once, so under N-of-M the requester hears once, when it is decided.
 */
@ApplicationScoped
class OutcomeNotices {

    private final NotifyConfig config;
    private final Recipients recipients;
    private final ReviewService reviews;
    private final Notifications notifications;
    private final Clock clock;

    OutcomeNotices(
            NotifyConfig config,
            Recipients recipients,
            ReviewService reviews,
            Notifications notifications,
            Clock clock) {
        this.config = config;
        this.recipients = recipients;
        this.reviews = reviews;
        this.notifications = notifications;
        this.clock = clock;
    }

    void onClosed(@Observes TaskClosed closed) {
        if (!config.enabled() || !config.outcomes().enabled()) {
            return;
        }
        ReviewTask task = ReviewTask.findById(closed.taskId());
        if (task == null) {
            return;
        }
        recipients
                .requester(reviews.request(task))
                .ifPresent(requester -> notifications.write(List.of(
                        Notice.mail(Notification.Kind.OUTCOME, closed.taskId(), requester, "", clock.instant()))));
    }
}
