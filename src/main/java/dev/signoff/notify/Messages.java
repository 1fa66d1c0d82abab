package dev.signoff.notify;

import dev.signoff.review.ReviewService;
import dev.signoff.review.ReviewTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** What a claimed notice says now, read from the task as it is when the notice is sent. */
@ApplicationScoped
class Messages {

    /** What to do with a claimed notice. */
    sealed interface Outgoing {}

    /** Nothing to say any more: record why, send nothing. */
    record Skip(String reason) implements Outgoing {}

    record Mail(Email email) implements Outgoing {}

    /** A chat post: the webhook's URL and the JSON it takes; summary is what the outbox row records as subject. */
    record Post(java.net.URI url, String json, String summary) implements Outgoing {}

    private final NotifyConfig config;
    private final ReviewService reviews;
    private final MailComposer composer;
    private final OutcomeMails outcomes;
    private final WebhookPosts posts;
    private final TimedMessages timed;
    private final Digests digests;

    Messages(
            NotifyConfig config,
            ReviewService reviews,
            MailComposer composer,
            OutcomeMails outcomes,
            WebhookPosts posts,
            TimedMessages timed,
            Digests digests) {
        this.config = config;
        this.reviews = reviews;
        this.composer = composer;
        this.outcomes = outcomes;
        this.posts = posts;
        this.timed = timed;
        this.digests = digests;
    }

    @Transactional
    Outgoing compose(NotificationStore.Claimed notice) {
        if (notice.kind() == Notification.Kind.DIGEST) {
            return digests.compose(notice); // about many tasks, or held for a digest
        }
        if (notice.taskId() == null) {
            return new Skip("no task");
        }
        ReviewTask task = ReviewTask.findById(notice.taskId());
        if (task == null) {
            return new Skip("the task no longer exists");
        }
        TaskBrief brief =
                TaskBrief.of(task, reviews.request(task), config.baseUrl().toString(), config.topFindings());
        if (notice.channel() != Notification.Channel.EMAIL) {
            return posts.compose(notice, brief, reviews.request(task));
        }
        return switch (notice.kind()) {
            case NEW_TASK -> brief.waiting() ? new Mail(composer.newTask(brief)) : new Skip("already " + status(brief));
            case OUTCOME -> outcomes.compose(task, brief);
            case REMINDER, DEADLINE_WARNING, ESCALATION -> timed.compose(notice, task, brief);
            default -> new Skip("no message for " + notice.kind() + " yet");
        };
    }

    private static String status(TaskBrief brief) {
        return brief.status().name().toLowerCase(java.util.Locale.ROOT);
    }
}
