package dev.signoff.notify;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.audit.AuditEvent;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpFront;
import dev.signoff.testsupport.SmtpFrontTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the outbox does with a real SMTP server's refusals: the mailer talks to an {@link SmtpFront} that answers
 * chosen recipients itself and relays everything else to GreenMail.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpFrontTestResource.class)
class SmtpRefusalTest {

    private static final String RILEY = "riley@example.com";

    @Inject
    SqsClient sqs;

    @Inject
    NotificationSender sender;

    @Inject
    Notifications notifications;

    @Inject
    NotifyConfig config;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    SmtpFront front = SmtpFrontTestResource.front();
    private int answeredBefore;

    @BeforeEach
    void emptyMailboxes() {
        front.acceptAll();
        front.up();
        StepFunctionsTestResource.clock().advance(Duration.ofDays(1));
        Mails.sendAllDue(sender::sendDue);
        // Notices other test classes' tasks still have ahead (reminders, deadline warnings for riley) would fall due
        // as these tests move the clock on and meet this test's refusals: they are not this test's.
        QuarkusTransaction.requiringNew()
                .run(() -> Notification.update(
                        "status = ?1 where status = ?2", Notification.Status.SKIPPED, Notification.Status.PENDING));
        SmtpFrontTestResource.smtp().purge();
        answeredBefore = front.answered().size();
    }

    @AfterEach
    void relayAgain() {
        front.acceptAll();
        front.up();
    }

    @Test
    void a_550_is_refused_for_good_audited_on_the_task_and_never_tried_again() {
        front.reply(RILEY, "550 5.1.1 <riley@example.com>: Recipient address rejected: User unknown");
        UUID taskId = taskForRiley();

        Mails.sendAllDue(sender::sendDue);

        Notification notice = only(taskId);
        assertThat(notice.status).isEqualTo(Notification.Status.REFUSED);
        assertThat(notice.attempts).isEqualTo(1);
        // MailGateway.classify found the SMTPException under the blocking mailer's wrapping: a 5xx, not a "maybe".
        assertThat(notice.lastError).startsWith("SMTP 550").contains("User unknown");
        assertThat(notice.subject).startsWith("Review needed: Invoice INV-4711");
        assertThat(audited(taskId, "NOTIFICATION_REFUSED"))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.detail).contains("NEW_TASK to reviewer").contains("550"));

        for (int round = 0; round < 3; round++) {
            StepFunctionsTestResource.clock().advance(config.maxBackoff().multipliedBy(2));
            Mails.sendAllDue(sender::sendDue);
        }
        assertThat(front.answered().subList(answeredBefore, front.answered().size()))
                .containsExactly(
                        RILEY + " -> 550 5.1.1 <riley@example.com>: Recipient address" + " rejected: User unknown");
        assertThat(only(taskId).status).isEqualTo(Notification.Status.REFUSED);
        assertThat(only(taskId).attempts).isEqualTo(1);
        assertThat(audited(taskId, "NOTIFICATION_REFUSED")).hasSize(1);
        assertThat(mailsAbout(taskId)).isEmpty();
    }

    @Test
    void a_451_waits_for_the_backoff_and_is_delivered_once_the_server_takes_it() {
        front.reply(RILEY, "451 4.3.0 Mail server temporarily rejected message");
        UUID taskId = taskForRiley();

        Instant before = StepFunctionsTestResource.clock().instant();
        Mails.sendAllDue(sender::sendDue);
        Instant after = StepFunctionsTestResource.clock().instant();

        Notification notice = only(taskId);
        assertThat(notice.status).isEqualTo(Notification.Status.PENDING);
        assertThat(notice.attempts).isEqualTo(1);
        assertThat(notice.lastError).startsWith("SMTP 451");
        assertThat(notice.nextAttemptAt)
                .isBetween(before.plus(config.initialBackoff()), after.plus(config.initialBackoff()));
        assertThat(audited(taskId, "NOTIFICATION_REFUSED")).isEmpty();

        front.acceptAll();
        Mails.sendAllDue(sender::sendDue);
        assertThat(only(taskId).status).as("not before its backoff").isEqualTo(Notification.Status.PENDING);
        assertThat(mailsAbout(taskId)).isEmpty();

        StepFunctionsTestResource.clock().advance(config.initialBackoff());
        Mails.sendAllDue(sender::sendDue);

        assertThat(only(taskId).status).isEqualTo(Notification.Status.SENT);
        assertThat(only(taskId).attempts).isEqualTo(2);
        assertThat(mailsAbout(taskId)).hasSize(1);
    }

    @Test
    void while_the_server_is_down_the_mail_waits_and_goes_out_when_it_is_back() {
        front.down();
        UUID taskId = taskForRiley();

        Mails.sendAllDue(sender::sendDue);

        Notification notice = only(taskId);
        assertThat(notice.status).isEqualTo(Notification.Status.PENDING);
        assertThat(notice.attempts).isEqualTo(1);
        assertThat(notice.lastError).isNotBlank().doesNotStartWith("SMTP 5");

        front.up();
        // A connection the mailer pooled before the server went away may fail once more: that is one more retry.
        for (int round = 0; round < 3 && only(taskId).status == Notification.Status.PENDING; round++) {
            StepFunctionsTestResource.clock().advance(config.maxBackoff());
            Mails.sendAllDue(sender::sendDue);
        }

        assertThat(only(taskId).status).isEqualTo(Notification.Status.SENT);
        assertThat(mailsAbout(taskId)).hasSize(1);
    }

    private UUID taskForRiley() {
        return awaitTask(Workflows.start(sqs, queueUrl, 3600, body -> {
            body.putObject("assignees").putArray("users").add("reviewer");
        }));
    }

    /** Riley's mails that link to this task (other tests' mails may arrive in the same mailbox). */
    private static List<jakarta.mail.internet.MimeMessage> mailsAbout(UUID taskId) {
        return SmtpFrontTestResource.smtp().receivedBy(RILEY).stream()
                .filter(mail -> Mails.text(mail).contains("/tasks/" + taskId))
                .toList();
    }

    private Notification only(UUID taskId) {
        List<Notification> notices = notifications.forTask(taskId);
        assertThat(notices).hasSize(1);
        return notices.get(0);
    }

    private static List<AuditEvent> audited(UUID taskId, String type) {
        return QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.<AuditEvent>list("taskId = ?1 and type = ?2", taskId, type));
    }
}
