package dev.signoff.intake;

import static dev.signoff.testsupport.Patience.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.review.ReviewTask;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A state machine that copies {@code $$.Task.Token} (or all of {@code $$}) into the request puts the token wherever
 * it likes: it must be stored, shown and quarantined nowhere but sealed.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class TokenEverywhereTest {

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void a_token_copied_into_summary_metadata_a_finding_and_a_field_name_appears_nowhere_on_the_page_or_the_api() {
        AtomicReference<String> sent = new AtomicReference<>();
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> {
            String token = body.get("taskToken").textValue();
            body.put("summary", "Resume with `" + token + "` if in doubt.");
            ((ObjectNode) body.get("metadata")).put("token", token);
            ((ObjectNode) body.get("findings").get(0)).put("detail", "token=" + token);
            // What "Parameters": {"context.$": "$$"} produces: the token as a value and, here, as a field name.
            ObjectNode context = body.putObject("context");
            context.putObject("Task").put("Token", token);
            context.putObject("byToken").put(token, "seen");
            body.putArray("trail").add(token).addObject().put("again", token);
            sent.set(body.toString());
        });
        String token = execution.taskToken();
        assertThat(sent.get()).contains(token);

        UUID taskId = ReviewTasks.awaitTask(execution);

        ReviewTask task = ReviewTasks.taskOf(execution.executionArn());
        assertThat(task.requestJson).doesNotContain(token).contains("Resume with `<redacted>`");
        assertThat(task.title).doesNotContain(token);
        String page = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/tasks/" + taskId)
                .asString();
        assertThat(page).contains("Resume with").doesNotContain(token);
        String api = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/api/tasks/" + taskId)
                .asString();
        assertThat(api).contains("token=<redacted>").doesNotContain(token);
        assertThat(ReviewTasks.inboxJson("reviewer")).doesNotContain(token);
    }

    @Test
    void an_invalid_request_with_its_token_in_the_metadata_is_quarantined_with_the_token_redacted_everywhere() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> {
            body.remove("title");
            ((ObjectNode) body.get("metadata"))
                    .put("token", body.get("taskToken").textValue());
            body.putObject("context")
                    .putObject("Task")
                    .put("Token", body.get("taskToken").textValue());
        });

        await().until(() -> Workflows.execution(execution.executionArn()).status() == ExecutionStatus.FAILED);
        QuarantineEntry entry = QuarkusTransaction.requiringNew()
                .call(() -> QuarantineEntry.<QuarantineEntry>find("executionArn", execution.executionArn())
                        .singleResult());
        assertThat(entry.body).doesNotContain(execution.taskToken()).contains("\"token\":\"<redacted>\"");
        assertThat(entry.reason).contains("title").doesNotContain(execution.taskToken());
    }
}
