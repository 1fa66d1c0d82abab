package dev.signoff.admin;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.audit.AuditEvent;
import dev.signoff.review.ReviewTask;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class DeadLetterQueueTest {

    private static final Pattern MESSAGE_ID = Pattern.compile("action=\"/admin/dead-letters/([A-Za-z0-9-]+)/delete\"");

    @Inject
    SqsClient sqs;

    @Inject
    AdminDashboard dashboard;

    @ConfigProperty(name = "signoff.intake.dead-letter-queue-url")
    String deadLetterQueueUrl;

    @BeforeEach
    void emptyTheDeadLetterQueue() {
        sqs.purgeQueue(r -> r.queueUrl(deadLetterQueueUrl));
    }

    @Test
    void a_dead_letter_is_listed_with_its_token_masked_and_stays_in_the_queue_after_the_page_is_viewed() {
        // The workflow also passed the token into metadata: it is masked there too.
        StartedExecution execution = Workflows.start(
                sqs,
                deadLetterQueueUrl,
                3600,
                body -> body.putObject("metadata")
                        .put("copyOfToken", "token=" + body.get("taskToken").asText()));
        String longTail = "x".repeat(5000) + "END-OF-BODY";
        sqs.sendMessage(
                r -> r.queueUrl(deadLetterQueueUrl).messageBody("<script>alert(1)</script> not json " + longTail));

        String first = page("admin").then().statusCode(200).extract().asString();
        String second = page("admin").then().statusCode(200).extract().asString();

        assertThat(messageIds(first)).hasSize(2);
        assertThat(messageIds(second)).containsExactlyInAnyOrderElementsOf(messageIds(first));
        assertThat(first)
                .doesNotContain(execution.taskToken())
                .contains("&lt;redacted&gt;")
                .contains(execution.executionArn())
                .contains("token=&lt;redacted&gt;")
                .contains("Not a JSON object (5046 characters): not shown")
                .doesNotContain("alert(1)")
                .doesNotContain("END-OF-BODY");
        assertThat(dashboard.deadLetters().getAsLong()).isEqualTo(2);
    }

    @Test
    void redrive_sends_the_message_to_the_review_queue_once_which_makes_one_task_and_leaves_the_dlq() {
        StartedExecution execution = Workflows.start(sqs, deadLetterQueueUrl, 3600);
        String id = onlyMessageId();

        Response redriven = post("admin", "/admin/dead-letters/" + id + "/redrive", "");

        assertThat(redriven.statusCode()).isEqualTo(303);
        assertThat(redriven.header("Location")).endsWith("/admin/dead-letters?done=redriven");
        awaitTask(execution);
        assertThat(tasksOf(execution)).isEqualTo(1);
        assertThat(messageIds(page("admin").asString())).isEmpty();
        assertThat(post("admin", "/admin/dead-letters/" + id + "/redrive", "").statusCode())
                .as("a second redrive of the same message")
                .isEqualTo(409);
        assertThat(events("DEAD_LETTER_REDRIVEN")).anySatisfy(e -> {
            assertThat(e.actor).isEqualTo("admin");
            assertThat(e.detail).contains(id);
        });
    }

    @Test
    void redrive_all_moves_every_message_to_the_review_queue() {
        StartedExecution one = Workflows.start(sqs, deadLetterQueueUrl, 3600);
        StartedExecution two = Workflows.start(sqs, deadLetterQueueUrl, 3600);

        assertThat(post("admin", "/admin/dead-letters/redrive-all", "intake fixed")
                        .statusCode())
                .isEqualTo(303);

        awaitTask(one);
        awaitTask(two);
        assertThat(tasksOf(one)).isEqualTo(1);
        assertThat(tasksOf(two)).isEqualTo(1);
        assertThat(messageIds(page("admin").asString())).isEmpty();
    }

    @Test
    void delete_needs_a_note_removes_the_message_and_audits_the_note() {
        Workflows.start(sqs, deadLetterQueueUrl, 3600);
        String id = onlyMessageId();

        assertThat(post("admin", "/admin/dead-letters/" + id + "/delete", " ").statusCode())
                .isEqualTo(409);
        assertThat(messageIds(page("admin").asString())).containsExactly(id);

        Response deleted = post("admin", "/admin/dead-letters/" + id + "/delete", "test message, not a real request");

        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(messageIds(page("admin").asString())).isEmpty();
        assertThat(events("DEAD_LETTER_DELETED")).anySatisfy(e -> {
            assertThat(e.actor).isEqualTo("admin");
            assertThat(e.detail).contains(id).contains("test message, not a real request");
        });
    }

    @Test
    void a_reviewer_gets_403_on_the_page_and_every_action_and_the_message_stays() {
        StartedExecution execution = Workflows.start(sqs, deadLetterQueueUrl, 3600);
        String id = onlyMessageId();

        assertThat(page("reviewer").statusCode()).isEqualTo(403);
        assertThat(post("reviewer", "/admin/dead-letters/" + id + "/redrive", "x")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("reviewer", "/admin/dead-letters/redrive-all", "x").statusCode())
                .isEqualTo(403);
        assertThat(post("reviewer", "/admin/dead-letters/" + id + "/delete", "x")
                        .statusCode())
                .isEqualTo(403);

        assertThat(messageIds(page("admin").asString())).containsExactly(id);
        assertThat(tasksOf(execution)).isZero();
    }

    private String onlyMessageId() {
        List<String> ids = messageIds(page("admin").asString());
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    private static List<String> messageIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = MESSAGE_ID.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static Response page(String user) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .redirects()
                .follow(false)
                .get("/admin/dead-letters");
    }

    private static Response post(String user, String path, String note) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .redirects()
                .follow(false)
                .formParam("note", note)
                .post(path);
    }

    private static long tasksOf(StartedExecution execution) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewTask.count("executionArn", execution.executionArn()));
    }

    private static List<AuditEvent> events(String type) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>list("type", type));
    }
}
