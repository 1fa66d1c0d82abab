package dev.signoff.notify;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends what the outbox holds: claims due notices, composes each from the task as it is now, sends it, and records
 * the result. A notice is sent at most once per claim, and a claim is taken over only after its lease ran out
 * (docs/notifications.md, "Exactly once").
 */
@ApplicationScoped
class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);

    private final NotifyConfig config;
    private final NotificationStore store;
    private final Messages messages;
    private final MailGateway mail;
    private final WebhookGateway webhooks;

    NotificationSender(
            NotifyConfig config,
            NotificationStore store,
            Messages messages,
            MailGateway mail,
            WebhookGateway webhooks) {
        this.config = config;
        this.store = store;
        this.messages = messages;
        this.mail = mail;
        this.webhooks = webhooks;
    }

    // The first round comes one interval after start, not at once: a test that sends by hand (poll-interval 1h there)
    // must not race a round the start-up fired.
    @Scheduled(
            every = "${signoff.notify.poll-interval:5s}",
            delayed = "${signoff.notify.poll-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (!config.enabled()) {
            return;
        }
        try {
            while (sendDue() == config.batchSize()) {
                // A full batch: more may be due.
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Sending notifications failed (%s); trying again next round",
                    e.getClass().getSimpleName());
        }
    }

    /** One round: claims a batch of due notices and sends them. Returns how many were claimed. */
    int sendDue() {
        List<NotificationStore.Claimed> due = store.claimDue();
        for (NotificationStore.Claimed notice : due) {
            send(notice);
        }
        return due.size();
    }

    private void send(NotificationStore.Claimed notice) {
        Messages.Outgoing outgoing;
        try {
            outgoing = messages.compose(notice);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not compose notification %s", notice.id());
            store.retryLater(notice, null, "could not compose: " + e.getClass().getSimpleName());
            return;
        }
        if (outgoing instanceof Messages.Skip skip) {
            store.skipped(notice, skip.reason());
        } else if (outgoing instanceof Messages.Mail m) {
            record(notice, m.email().subject(), mail.send(notice.id(), notice.address(), m.email()));
        } else if (outgoing instanceof Messages.Post post) {
            record(notice, post.summary(), webhooks.post(post.url(), post.json()));
        }
    }

    private void record(NotificationStore.Claimed notice, String subject, MailGateway.Result result) {
        if (result instanceof MailGateway.Refused refused) {
            LOG.warnf(
                    "%s %s (%s) to %s refused: %s",
                    notice.channel(), notice.id(), notice.kind(), notice.recipient(), refused.reason());
            store.refused(notice, subject, refused.reason());
        } else if (result instanceof MailGateway.Retryable retry) {
            LOG.infof(
                    "%s %s (%s) to %s not sent yet: %s",
                    notice.channel(), notice.id(), notice.kind(), notice.recipient(), retry.reason());
            store.retryLater(notice, subject, retry.reason());
        } else {
            store.sent(notice, subject);
        }
    }
}
