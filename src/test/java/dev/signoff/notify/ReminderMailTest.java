package dev.signoff.notify;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.MutableClock;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Reminders before dueAt: at 24 hours and at 1 hour before, to the assignees who have not acted, never after. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class ReminderMailTest {

    static final long A_WEEK = Duration.ofDays(7).toSeconds();

    @Inject
    SqsClient sqs;

    @Inject
    NotificationSender sender;

    @Inject
    Notifications notifications;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.notify.base-url")
    String baseUrl;

    final MutableClock clock = StepFunctionsTestResource.clock();

    @BeforeEach
    void emptyMailboxes() {
        Mails.sendAllDue(sender::sendDue);
        SmtpTestResource.smtp().purge();
    }

    @Test
    void reminders_go_out_24_hours_and_1_hour_before_due_and_not_a_minute_earlier() throws Exception {
        Instant due = clock.instant().plus(Duration.ofHours(48)).truncatedTo(ChronoUnit.SECONDS);
        StartedExecution execution = Workflows.start(sqs, queueUrl, A_WEEK, body -> body.put("dueAt", due.toString()));
        UUID taskId = awaitTask(execution);
        sendAll();
        SmtpTestResource.smtp().purge();

        advanceTo(due.minus(Duration.ofHours(24)).minusSeconds(60));
        sendAll();
        assertThat(about(taskId, "riley@example.com")).isEmpty();

        advanceTo(due.minus(Duration.ofHours(24)).plusSeconds(60));
        sendAll();
        MimeMessage first = single(taskId, "riley@example.com");
        assertThat(first.getSubject())
                .isEqualTo("Reminder: Invoice INV-4711: confirm low-confidence fields is due in" + " 24 hours");
        assertThat(Mails.links(first)).containsOnly(baseUrl + "/tasks/" + taskId);
        assertThat(single(taskId, "sam@example.com").getSubject()).endsWith("is due in 24 hours");

        advanceTo(due.minus(Duration.ofHours(1)).minusSeconds(60));
        sendAll();
        assertThat(about(taskId, "riley@example.com")).hasSize(1);

        advanceTo(due.minus(Duration.ofHours(1)).plusSeconds(60));
        sendAll();
        List<MimeMessage> riley = about(taskId, "riley@example.com");
        assertThat(riley).hasSize(2);
        assertThat(riley.get(1).getSubject()).endsWith("is due in 1 hour");
        assertThat(Mails.text(riley.get(1))).contains("still waits for a decision");

        advanceTo(due.plusSeconds(3600));
        sendAll();
        assertThat(about(taskId, "riley@example.com")).hasSize(2);
        Mails.assertNoMailContains(SmtpTestResource.smtp().received(), execution.taskToken());
        assertThat(notifications.forTask(taskId))
                .filteredOn(n -> n.kind == Notification.Kind.REMINDER)
                .extracting(n -> n.occurrence)
                .contains("due-24h@" + due, "due-1h@" + due);
    }

    @Test
    void a_reviewer_who_claimed_the_task_is_not_reminded_the_others_are() throws Exception {
        // Due in 90 minutes: the 1-hour reminder comes half an hour after the claim, while it holds (claim-idle 2h).
        Instant due = clock.instant().plus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.SECONDS);
        StartedExecution execution = Workflows.start(sqs, queueUrl, A_WEEK, body -> body.put("dueAt", due.toString()));
        UUID taskId = awaitTask(execution);
        sendAll();
        assertThat(notifications.forTask(taskId))
                .filteredOn(n -> n.kind == Notification.Kind.REMINDER)
                .as("24 hours before was past when the task opened")
                .extracting(n -> n.occurrence)
                .containsOnly("due-1h@" + due);
        assertThat(given().auth()
                        .preemptive()
                        .basic("reviewer", "reviewer")
                        .redirects()
                        .follow(false)
                        .post("/tasks/" + taskId + "/claim")
                        .statusCode())
                .isEqualTo(303);
        SmtpTestResource.smtp().purge();

        advanceTo(due.minus(Duration.ofHours(1)).plusSeconds(60));
        sendAll();

        assertThat(about(taskId, "riley@example.com")).isEmpty();
        assertThat(single(taskId, "sam@example.com").getSubject()).endsWith("is due in 1 hour");
        assertThat(notifications.forTask(taskId))
                .filteredOn(n -> n.kind == Notification.Kind.REMINDER && n.recipient.equals("reviewer"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.status).isEqualTo(Notification.Status.SKIPPED);
                    assertThat(n.lastError).isEqualTo("reviewer already claimed it");
                });
    }

    @Test
    void a_task_decided_before_its_reminder_is_not_reminded() throws Exception {
        Instant due = clock.instant().plus(Duration.ofHours(30)).truncatedTo(ChronoUnit.SECONDS);
        StartedExecution execution = Workflows.start(sqs, queueUrl, A_WEEK, body -> body.put("dueAt", due.toString()));
        UUID taskId = awaitTask(execution);
        sendAll();
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);
        SmtpTestResource.smtp().purge();

        advanceTo(due.minus(Duration.ofMinutes(30)));
        sendAll();

        assertThat(SmtpTestResource.smtp().received())
                .noneMatch(m -> Mails.text(m).contains("/tasks/" + taskId));
        assertThat(notifications.forTask(taskId))
                .filteredOn(n -> n.kind == Notification.Kind.REMINDER)
                .hasSize(8)
                .allSatisfy(n -> {
                    assertThat(n.status).isEqualTo(Notification.Status.SKIPPED);
                    assertThat(n.lastError).startsWith("already ");
                });
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

    /**
     * The mails about this one task (not digests, which list many: in the full suite a reviewer's many tasks can
     * make a burst that a digest sums up).
     */
    static List<MimeMessage> about(UUID taskId, String address) {
        return SmtpTestResource.smtp().receivedBy(address).stream()
                .filter(m -> Mails.text(m).contains("/tasks/" + taskId))
                .filter(m -> !subject(m).startsWith("Your reviews for")
                        && !subject(m).contains(" arrived for you"))
                .toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MimeMessage single(UUID taskId, String address) {
        List<MimeMessage> mails = about(taskId, address);
        assertThat(mails).as(address).hasSize(1);
        return mails.get(0);
    }
}
