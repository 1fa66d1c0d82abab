package dev.signoff.notify;

import static dev.signoff.notify.ReminderMailTest.about;
import static dev.signoff.notify.ReminderMailTest.single;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.review.TaskAdministration;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.MutableClock;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Warnings before the earlier of timeoutAt and expiresAt, while the task still waits; a moved window moves them. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class DeadlineWarningMailTest {

    @Inject
    SqsClient sqs;

    @Inject
    NotificationSender sender;

    @Inject
    Notifications notifications;

    @Inject
    TaskAdministration administration;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.notify.base-url")
    String baseUrl;

    final MutableClock clock = StepFunctionsTestResource.clock();

    @BeforeEach
    void emptyMailboxes() {
        sendAll();
        SmtpTestResource.smtp().purge();
    }

    @Test
    void a_warning_before_expiresAt_and_when_an_admin_moves_it_the_warning_moves_with_it() throws Exception {
        Instant expires = clock.instant().plus(Duration.ofHours(30)).truncatedTo(ChronoUnit.SECONDS);
        StartedExecution execution = Workflows.start(
                sqs, queueUrl, ReminderMailTest.A_WEEK, body -> body.put("expiresAt", expires.toString()));
        UUID taskId = awaitTask(execution);
        sendAll();
        SmtpTestResource.smtp().purge();

        advanceTo(expires.minus(Duration.ofHours(24)).minusSeconds(60));
        sendAll();
        assertThat(about(taskId, "riley@example.com")).isEmpty();

        advanceTo(expires.minus(Duration.ofHours(24)).plusSeconds(60));
        sendAll();
        MimeMessage warning = single(taskId, "riley@example.com");
        assertThat(warning.getSubject())
                .isEqualTo("Deadline: Invoice INV-4711: confirm low-confidence fields closes in 24 hours");
        assertThat(Mails.text(warning)).contains("the review window closes (its expiresAt)");
        assertThat(Mails.links(warning)).containsOnly(baseUrl + "/tasks/" + taskId);

        Instant later = expires.plus(Duration.ofHours(10));
        QuarkusTransaction.requiringNew()
                .run(() -> administration.changeExpiry(taskId, later, "admin", "Ada Admin", "more time"));
        advanceTo(expires.minus(Duration.ofHours(1)).plusSeconds(60));
        sendAll();
        assertThat(about(taskId, "riley@example.com")).as("not at the old time").hasSize(1);
        assertThat(notifications.forTask(taskId))
                .filteredOn(n -> n.recipient.equals("reviewer") && n.occurrence.equals("deadline-1h@" + expires))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.status).isEqualTo(Notification.Status.SKIPPED);
                    assertThat(n.lastError).startsWith("rescheduled: the task's deadline moved to");
                });

        advanceTo(later.minus(Duration.ofHours(1)).minusSeconds(60));
        sendAll();
        assertThat(about(taskId, "riley@example.com")).hasSize(1);
        advanceTo(later.minus(Duration.ofHours(1)).plusSeconds(60));
        sendAll();
        assertThat(about(taskId, "riley@example.com")).hasSize(2);
        assertThat(about(taskId, "riley@example.com").get(1).getSubject()).endsWith("closes in 1 hour");
        Mails.assertNoMailContains(SmtpTestResource.smtp().received(), execution.taskToken());
    }

    @Test
    void a_warning_before_the_step_functions_timeout_names_it() throws Exception {
        // timeoutAt as a state machine passes it ($$.State.EnteredTime plus its TimeoutSeconds).
        Instant timeout = clock.instant().plus(Duration.ofHours(30)).truncatedTo(ChronoUnit.SECONDS);
        StartedExecution execution = Workflows.start(
                sqs, queueUrl, ReminderMailTest.A_WEEK, body -> body.put("timeoutAt", timeout.toString()));
        UUID taskId = awaitTask(execution);
        sendAll();
        SmtpTestResource.smtp().purge();

        advanceTo(timeout.minus(Duration.ofHours(1)).minusSeconds(60));
        sendAll();
        assertThat(about(taskId, "sam@example.com"))
                .as("only the 24-hour warning")
                .hasSize(1);

        advanceTo(timeout.minus(Duration.ofHours(1)).plusSeconds(60));
        sendAll();
        assertThat(about(taskId, "sam@example.com"))
                .hasSize(2)
                .allSatisfy(mail -> assertThat(Mails.text(mail))
                        .contains("the workflow stops waiting (its Step Functions timeout)"));
        Mails.assertNoMailContains(SmtpTestResource.smtp().received(), execution.taskToken());
    }

    void sendAll() {
        Mails.sendAllDue(sender::sendDue);
    }

    void advanceTo(Instant when) {
        Duration by = Duration.between(clock.instant(), when);
        if (!by.isNegative()) {
            clock.advance(by);
        }
    }
}
