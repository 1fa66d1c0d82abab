package dev.signoff.notify;

import static dev.signoff.notify.ReminderMailTest.about;
import static dev.signoff.notify.ReminderMailTest.single;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.audit.AuditEvent;
import dev.signoff.review.ReviewService;
import dev.signoff.review.ReviewTask;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.WaitForTaskTokenTask;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The escalation ladder of the tests' workflow "escalating-invoices" (application.properties): after 8 hours the
 * group escalations hears of the task, after 24 hours it is added as an assignee; each step once, audited, on the page.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class EscalationTest {

    @Inject
    SqsClient sqs;

    @Inject
    NotificationSender sender;

    @Inject
    EscalationSweep sweep;

    @Inject
    ReviewService reviews;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.notify.base-url")
    String baseUrl;

    final MutableClock clock = StepFunctionsTestResource.clock();

    @BeforeEach
    void emptyMailboxes() {
        sweep.sweep();
        sendAll();
        SmtpTestResource.smtp().purge();
    }

    @Test
    void the_group_hears_after_8_hours_and_is_added_after_24_hours_exactly_once() throws Exception {
        StartedExecution execution = start();
        UUID taskId = awaitTask(execution);
        Instant received = receivedAt(taskId);
        sendAll();
        SmtpTestResource.smtp().purge();

        advanceTo(received.plus(Duration.ofHours(8)).minusSeconds(60));
        sweep.sweep();
        sendAll();
        assertThat(events(taskId, "ESCALATION_NOTIFIED")).isEmpty();
        assertThat(about(taskId, "sam@example.com")).isEmpty();

        advanceTo(received.plus(Duration.ofHours(8)).plusSeconds(60));
        sweep.sweep();
        sweep.sweep();
        sendAll();
        assertThat(single(taskId, "sam@example.com").getSubject())
                .isEqualTo("Escalation: Invoice INV-4711: confirm low-confidence fields has waited 8 hours");
        assertThat(Mails.links(single(taskId, "sam@example.com"))).containsOnly(baseUrl + "/tasks/" + taskId);
        assertThat(about(taskId, "riley@example.com"))
                .as("not in the escalation group")
                .isEmpty();
        assertThat(events(taskId, "ESCALATION_NOTIFIED"))
                .singleElement()
                .satisfies(e -> assertThat(e.detail).isEqualTo("escalations told after 8 hours waiting (1 person)"));
        assertThat(reviews.assignees(taskId)).containsExactly("group finance-reviewers");

        advanceTo(received.plus(Duration.ofHours(24)).minusSeconds(60));
        sweep.sweep();
        assertThat(events(taskId, "ESCALATED")).isEmpty();

        advanceTo(received.plus(Duration.ofHours(24)).plusSeconds(60));
        sweep.sweep();
        sweep.sweep();
        sendAll();
        assertThat(events(taskId, "ESCALATED")).singleElement().satisfies(e -> {
            assertThat(e.actor).isEqualTo("signoff");
            assertThat(e.detail).startsWith("to escalations after 24 hours waiting");
        });
        assertThat(events(taskId, "ESCALATION_NOTIFIED")).hasSize(1);
        assertThat(reviews.assignees(taskId)).containsExactly("group escalations", "group finance-reviewers");
        assertThat(about(taskId, "sam@example.com"))
                .hasSize(2)
                .last()
                .satisfies(m -> assertThat(m.getSubject())
                        .isEqualTo("Escalated to escalations: Invoice INV-4711: confirm low-confidence fields"));
        String page = given().auth()
                .preemptive()
                .basic("admin", "admin")
                .get("/tasks/" + taskId)
                .asString();
        java.nio.file.Path saved = java.nio.file.Path.of("target", "escalated-task.html");
        java.nio.file.Files.writeString(saved, page); // the task page as escalated, to look at (docs, review)
        assertThat(page)
                .contains("Escalation group told")
                .contains("Escalated — <span class=\"muted\"><bdi>to escalations after 24 hours waiting");
        Mails.assertNoMailContains(SmtpTestResource.smtp().received(), execution.taskToken());
    }

    @Test
    void two_sweeps_at_the_same_moment_take_each_step_once() throws Exception {
        UUID taskId = awaitTask(start());
        advanceTo(receivedAt(taskId).plus(Duration.ofHours(25)));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> round = sweep::sweep;
            List<Future<Integer>> rounds = pool.invokeAll(List.of(round, round));
            for (Future<Integer> r : rounds) {
                r.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(events(taskId, "ESCALATION_NOTIFIED")).hasSize(1);
        assertThat(events(taskId, "ESCALATED")).hasSize(1);
        assertThat(reviews.assignees(taskId)).contains("group escalations");
    }

    @Test
    void a_decided_task_is_not_escalated() throws Exception {
        UUID taskId = awaitTask(start());
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);

        advanceTo(receivedAt(taskId).plus(Duration.ofHours(25)));
        sweep.sweep();
        sendAll();

        assertThat(events(taskId, "ESCALATION_NOTIFIED")).isEmpty();
        assertThat(events(taskId, "ESCALATED")).isEmpty();
        assertThat(about(taskId, "sam@example.com")).noneMatch(m -> {
            try {
                return m.getSubject().startsWith("Escalat");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    StartedExecution start() {
        WaitForTaskTokenTask task =
                WaitForTaskTokenTask.of("escalating-invoices", "HumanReview", ReminderMailTest.A_WEEK);
        return StepFunctionsTestResource.standIn()
                .startWaitingExecution(
                        task,
                        sqs,
                        queueUrl,
                        context -> Workflows.request(context).toString());
    }

    static Instant receivedAt(UUID taskId) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewTask.<ReviewTask>findById(taskId).receivedAt);
    }

    static List<AuditEvent> events(UUID taskId, String type) {
        return QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.<AuditEvent>list("taskId = ?1 and type = ?2", taskId, type));
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
