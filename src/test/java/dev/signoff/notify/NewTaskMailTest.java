package dev.signoff.notify;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
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
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A new task: one mail to each assignee, with the task's link and never its token. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class NewTaskMailTest {

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
    void each_assignee_gets_exactly_one_mail_with_the_tasks_link_and_no_token() throws Exception {
        StartedExecution execution = Workflows.start(
                sqs,
                queueUrl,
                3600,
                body -> body.putObject("assignees")
                        .putArray("groups")
                        .add("finance-reviewers")
                        .add("research-leads"));
        UUID taskId = awaitTask(execution);

        Mails.sendAllDue(sender::sendDue);
        Mails.sendAllDue(sender::sendDue);

        for (String address : List.of("riley@example.com", "sam@example.com", "ada@example.com")) {
            List<MimeMessage> received = SmtpTestResource.smtp().receivedBy(address);
            assertThat(received).as(address).hasSize(1);
            MimeMessage mail = received.get(0);
            assertThat(mail.getSubject()).startsWith("Review needed: Invoice INV-4711");
            assertThat(Mails.text(mail)).contains(baseUrl + "/tasks/" + taskId);
            assertThat(Mails.html(mail)).contains("href=\"" + baseUrl + "/tasks/" + taskId + "\"");
            assertThat(Mails.links(mail)).containsOnly(baseUrl + "/tasks/" + taskId);
        }
        Mails.assertNoMailContains(SmtpTestResource.smtp().received(), execution.taskToken());
        assertThat(notifications.forTask(taskId)).extracting(n -> n.status).containsOnly(Notification.Status.SENT);
    }

    @Test
    void the_requester_and_excluded_users_are_not_asked() throws Exception {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> {
            body.put("requestedBy", "requester");
            body.putObject("assignees")
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                            "groups", Workflows.JSON.createArrayNode().add("finance-reviewers"))
                    .set("excludeUsers", Workflows.JSON.createArrayNode().add("excluded"));
        });
        UUID taskId = awaitTask(execution);

        Mails.sendAllDue(sender::sendDue);

        assertThat(notifications.forTask(taskId))
                .extracting(n -> n.recipient)
                .containsExactlyInAnyOrder("reviewer", "reviewer2");
        assertThat(SmtpTestResource.smtp().receivedBy("requester@example.com")).isEmpty();
        assertThat(SmtpTestResource.smtp().receivedBy("excluded@example.com")).isEmpty();
    }

    @Test
    void a_task_decided_before_its_mail_went_out_is_not_mailed() throws Exception {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);

        Mails.sendAllDue(sender::sendDue);

        assertThat(SmtpTestResource.smtp().received()).isEmpty();
        assertThat(notifications.forTask(taskId)).extracting(n -> n.status).containsOnly(Notification.Status.SKIPPED);
    }
}
