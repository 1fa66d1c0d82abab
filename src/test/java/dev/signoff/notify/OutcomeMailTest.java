package dev.signoff.notify;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The requester hears, once, how their review ended: decided (by whom, with the comment), or cancelled. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class OutcomeMailTest {

    private static final String REQUESTER = "requester@example.com";

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

    @BeforeEach
    void emptyMailboxes() {
        Mails.sendAllDue(sender::sendDue);
        SmtpTestResource.smtp().purge();
    }

    @Test
    void a_rejection_reaches_the_requester_once_with_who_and_their_comment() throws Exception {
        StartedExecution execution = start(body -> body.put("requestedBy", "requester"));
        UUID taskId = awaitTask(execution);
        assertThat(decide("reviewer", taskId, Map.of("decision", "reject", "comment", "VAT id is wrong"))
                        .statusCode())
                .isEqualTo(200);

        for (int round = 0; round < 3; round++) {
            Mails.sendAllDue(sender::sendDue);
        }

        List<MimeMessage> received = SmtpTestResource.smtp().receivedBy(REQUESTER);
        assertThat(received).hasSize(1);
        MimeMessage mail = received.get(0);
        assertThat(mail.getSubject()).isEqualTo("Rejected: Invoice INV-4711: confirm low-confidence fields");
        assertThat(Mails.text(mail))
                .contains("Riley Reviewer (reviewer) decided: rejected")
                .contains("Their comment: “VAT id is wrong”")
                .contains(baseUrl + "/tasks/" + taskId);
        assertThat(Mails.html(mail)).contains("Riley Reviewer (reviewer) decided: rejected");
        assertThat(Mails.links(mail)).containsOnly(baseUrl + "/tasks/" + taskId);
        Mails.assertNoMailContains(received, execution.taskToken());
        assertThat(outcomes(taskId)).singleElement().satisfies(n -> {
            assertThat(n.recipient).isEqualTo("requester");
            assertThat(n.status).isEqualTo(Notification.Status.SENT);
        });
    }

    @Test
    void under_two_of_two_the_requester_hears_once_when_the_second_approval_decides() throws Exception {
        StartedExecution execution = start(body -> {
            body.put("requestedBy", "requester");
            body.putObject("approval").put("required", 2);
        });
        UUID taskId = awaitTask(execution);

        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(202);
        Mails.sendAllDue(sender::sendDue);
        assertThat(outcomes(taskId)).as("one approval decides nothing").isEmpty();

        assertThat(decide("reviewer2", taskId, "approve").statusCode()).isEqualTo(200);
        Mails.sendAllDue(sender::sendDue);

        assertThat(outcomes(taskId)).hasSize(1);
        List<MimeMessage> received = SmtpTestResource.smtp().receivedBy(REQUESTER);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).startsWith("Approved: Invoice INV-4711");
        assertThat(Mails.text(received.get(0))).contains("Sam Second (reviewer2) decided: approved");
    }

    @Test
    void a_cancelled_review_tells_the_requester_why() throws Exception {
        StartedExecution execution = start(body -> body.put("requestedBy", "requester"));
        UUID taskId = awaitTask(execution);
        assertThat(given().auth()
                        .preemptive()
                        .basic("admin", "admin")
                        .redirects()
                        .follow(false)
                        .formParams(Map.of("reason", "duplicate of INV-4710"))
                        .post("/tasks/" + taskId + "/admin/cancel")
                        .statusCode())
                .isEqualTo(303);

        Mails.sendAllDue(sender::sendDue);

        List<MimeMessage> received = SmtpTestResource.smtp().receivedBy(REQUESTER);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).startsWith("Cancelled: Invoice INV-4711");
        assertThat(Mails.text(received.get(0)))
                .contains("cancelled before anyone decided")
                .contains("duplicate of INV-4710");
    }

    @Test
    void a_requester_the_directory_does_not_know_hears_nothing() {
        // The fixture's requester is an agent (invoice-extraction-agent), not a person with an address.
        UUID taskId = awaitTask(start(body -> {}));
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);

        Mails.sendAllDue(sender::sendDue);

        assertThat(outcomes(taskId)).isEmpty();
    }

    private StartedExecution start(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> body) {
        return Workflows.start(sqs, queueUrl, 7 * 86400, body);
    }

    private List<Notification> outcomes(UUID taskId) {
        return notifications.forTask(taskId).stream()
                .filter(n -> n.kind == Notification.Kind.OUTCOME)
                .toList();
    }
}
