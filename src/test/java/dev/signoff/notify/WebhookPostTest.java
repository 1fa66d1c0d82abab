package dev.signoff.notify;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.audit.AuditEvent;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.WebhookTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A new task posted once to each matching Slack and Teams webhook, with the task's link and nothing to decide with. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(WebhookTestResource.class)
class WebhookPostTest {

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

    @Test
    void each_matching_webhook_gets_one_post_with_title_due_severity_and_link() throws Exception {
        Mails.sendAllDue(sender::sendDue);
        WebhookTestResource.forget();
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> {
            body.put("title", "Invoice <!channel> & [click](https://evil.example)");
            body.put("dueAt", "2030-01-02T09:30:00Z");
        });
        UUID taskId = awaitTask(execution);
        String link = baseUrl + "/tasks/" + taskId;

        for (int round = 0; round < 3; round++) {
            Mails.sendAllDue(sender::sendDue);
        }

        List<WebhookTestResource.Received> slack = posts("/slack");
        assertThat(slack).hasSize(1);
        assertThat(slack.get(0).contentType()).startsWith("application/json");
        JsonNode s = Workflows.JSON.readTree(slack.get(0).body());
        assertThat(s.get("text").asText())
                .isEqualTo("Review needed: Invoice &lt;!channel&gt; &amp; [click](https://evil.example)"
                        + " (due Wed 2 Jan 2030, 09:30 UTC, highest severity high)");
        assertThat(s.get("blocks").get(0).get("type").asText()).isEqualTo("section");
        assertThat(s.get("blocks").get(0).get("text").get("text").asText())
                .isEqualTo("*Review needed:* Invoice &lt;!channel&gt; &amp; [click](https://evil.example)\n"
                        + "*Due:* Wed 2 Jan 2030, 09:30 UTC\n*Highest severity:* high\n<" + link
                        + "|Open the review in Signoff>");
        assertThat(s.get("blocks").get(1).get("type").asText()).isEqualTo("context");

        List<WebhookTestResource.Received> teams = posts("/teams");
        assertThat(teams).hasSize(1);
        JsonNode t = Workflows.JSON.readTree(teams.get(0).body());
        assertThat(t.get("type").asText()).isEqualTo("message");
        JsonNode attachment = t.get("attachments").get(0);
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("body").get(0).get("text").asText())
                .isEqualTo("Review needed: Invoice <!channel> & (click)(https://evil.example)");
        assertThat(card.get("body").get(1).get("facts").toString())
                .isEqualTo("[{\"title\":\"Due\",\"value\":\"Wed 2 Jan 2030, 09:30 UTC\"},"
                        + "{\"title\":\"Highest severity\",\"value\":\"high\"},"
                        + "{\"title\":\"Workflow\",\"value\":\"invoice-processing\"}]");
        assertThat(card.get("body").get(2).get("text").asText())
                .isEqualTo("[Open the review in Signoff](" + link + ")");
        assertThat(card.has("actions")).as("no buttons").isFalse();

        assertThat(posts("/elsewhere")).as("another workflow's webhook").isEmpty();
        assertThat(posts("/gone")).as("refused once, never again").hasSize(1);
        for (WebhookTestResource.Received post : WebhookTestResource.received()) {
            assertThat(post.body()).doesNotContain(execution.taskToken()).doesNotContain("approve");
        }

        List<Notification> notices = notifications.forTask(taskId).stream()
                .filter(n -> n.channel != Notification.Channel.EMAIL)
                .toList();
        assertThat(notices)
                .extracting(n -> n.recipient + " " + n.channel + " " + n.status)
                .containsExactlyInAnyOrder("team-slack SLACK SENT", "team-teams TEAMS SENT", "gone SLACK REFUSED");
        assertThat(notices.stream()
                        .filter(n -> n.recipient.equals("gone"))
                        .findFirst()
                        .orElseThrow()
                        .lastError)
                .isEqualTo("HTTP 404: no_service")
                .doesNotContain("127.0.0.1");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> AuditEvent.<AuditEvent>list(
                                "taskId = ?1 and type = ?2", taskId, "NOTIFICATION_REFUSED")))
                .singleElement()
                .satisfies(e -> assertThat(e.detail).startsWith("NEW_TASK to gone"));
    }

    private static List<WebhookTestResource.Received> posts(String path) {
        return WebhookTestResource.received().stream()
                .filter(r -> r.path().equals(path))
                .toList();
    }
}
