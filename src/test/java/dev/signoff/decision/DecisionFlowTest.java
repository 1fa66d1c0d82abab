package dev.signoff.decision;

import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.appliedCallbacks;
import static dev.signoff.testsupport.ReviewTasks.awaitClosed;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class DecisionFlowTest {

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void approving_resumes_the_execution_with_the_documented_output() throws Exception {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);

        Response response = decide(
                "reviewer",
                taskId,
                Map.of("decision", "approve", "comment", "Checked against the PDF", "reasonCode", "verified"));

        assertThat(response.statusCode()).isEqualTo(200);
        ExecutionSnapshot done = awaitClosed(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Workflows.JSON.readTree(done.output());
        assertThat(output.get("decision").asText()).isEqualTo("approved");
        assertThat(output.get("output"))
                .isEqualTo(Workflows.JSON.readTree(
                        "{\"invoiceNumber\":\"INV-4711\",\"total\":1280.00,\"currency\":\"EUR\"}"));
        assertThat(output.get("edited").asBoolean()).isFalse();
        assertThat(output.get("comment").asText()).isEqualTo("Checked against the PDF");
        assertThat(output.get("reasonCode").asText()).isEqualTo("verified");
        assertThat(output.at("/reviewer/id").asText()).isEqualTo("reviewer");
        assertThat(output.at("/reviewer/name").asText()).isEqualTo("Riley Reviewer");
        assertThat(output.at("/reviewer/email").asText()).isEqualTo("riley@example.com");
        assertThat(output.get("taskId").asText()).isEqualTo(taskId.toString());
        assertThat(output.get("decisionId").asText())
                .isEqualTo(response.jsonPath().getString("id"));
        assertThat(output.hasNonNull("decidedAt")).isTrue();
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void an_edited_total_sent_to_the_api_reaches_the_workflow_exactly_as_written() throws Exception {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);

        Response response = decide(
                "reviewer",
                taskId,
                Map.of(
                        "decision",
                        "approve",
                        "output",
                        Map.of("invoiceNumber", "INV-4711", "total", new BigDecimal("1208.00"), "currency", "EUR")));

        assertThat(response.statusCode()).isEqualTo(200);
        // The text, not a parsed number: as doubles 1208.00 and 1208.0 are equal.
        assertThat(awaitClosed(execution).output()).contains("\"total\":1208.00", "\"edited\":true");
    }

    @Test
    void an_edited_output_that_breaks_the_output_schema_is_refused_and_nothing_is_sent() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);

        Response response = decide(
                "reviewer",
                taskId,
                Map.of("decision", "approve", "output", Map.of("invoiceNumber", "INV-4711", "currency", "EURO")));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.jsonPath().getString("detail")).contains("total");
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(Workflows.execution(execution.executionArn()).status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void rejecting_fails_the_execution_with_signoff_rejected_and_the_decision_as_cause() throws Exception {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);

        assertThat(decide("reviewer2", taskId, Map.of("decision", "reject", "comment", "Supplier is unknown"))
                        .statusCode())
                .isEqualTo(200);

        ExecutionSnapshot done = awaitClosed(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Signoff.Rejected");
        JsonNode cause = Workflows.JSON.readTree(done.cause());
        assertThat(cause.get("decision").asText()).isEqualTo("rejected");
        assertThat(cause.get("comment").asText()).isEqualTo("Supplier is unknown");
        assertThat(cause.at("/reviewer/id").asText()).isEqualTo("reviewer2");
        assertThat(cause.has("output")).isFalse();
    }

    @Test
    void requesting_changes_fails_the_execution_with_signoff_changes_requested() throws Exception {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);

        decide("reviewer", taskId, Map.of("decision", "request_changes", "comment", "Re-read the total"));

        ExecutionSnapshot done = awaitClosed(execution);
        assertThat(done.error()).isEqualTo("Signoff.ChangesRequested");
        assertThat(Workflows.JSON.readTree(done.cause()).get("decision").asText())
                .isEqualTo("changes_requested");
    }

    @Test
    void rejecting_without_a_comment_is_refused_with_a_reason() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);

        Response response = decide("reviewer", taskId, Map.of("decision", "reject"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.jsonPath().getString("detail")).contains("comment is required");
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void fields_longer_than_their_limits_are_refused_with_422_and_nothing_is_decided() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);

        Response longComment = decide("reviewer", taskId, Map.of("decision", "reject", "comment", "x".repeat(32_769)));
        Response longKey = decide("reviewer", taskId, Map.of("decision", "approve", "idempotencyKey", "k".repeat(65)));
        Response longReason = decide(
                "reviewer", taskId, Map.of("decision", "reject", "comment", "no", "reasonCode", "r".repeat(129)));

        assertThat(longComment.statusCode()).isEqualTo(422);
        assertThat(longComment.jsonPath().getString("detail")).contains("comment is 32769 characters long");
        assertThat(longKey.statusCode()).isEqualTo(422);
        assertThat(longKey.jsonPath().getString("detail")).contains("idempotencyKey");
        assertThat(longReason.statusCode()).isEqualTo(422);
        assertThat(longReason.jsonPath().getString("detail")).contains("reasonCode");
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        // A rejection's cause must also fit Step Functions' 32,768-character limit; an approval carries it in the
        // output.
        assertThat(decide("reviewer", taskId, Map.of("decision", "approve", "comment", "x".repeat(32_768)))
                        .statusCode())
                .as("the limit itself is accepted")
                .isEqualTo(200);
    }

    @Test
    void an_edit_is_refused_when_the_workflow_proposed_no_output() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> {
            body.remove("proposedOutput");
            body.remove("outputSchema");
        });
        UUID taskId = awaitTask(execution);

        Response response = decide("reviewer", taskId, Map.of("decision", "approve", "output", Map.of("total", 1)));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.jsonPath().getString("detail")).contains("proposed no output to edit");
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void a_reviewer_outside_the_assigned_groups_cannot_see_or_decide() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);

        assertThat(given().auth()
                        .preemptive()
                        .basic("outsider", "outsider")
                        .get("/api/tasks/" + taskId)
                        .statusCode())
                .isEqualTo(404);
        assertThat(decide("outsider", taskId, Map.of("decision", "approve")).statusCode())
                .isEqualTo(404);
        assertThat(decide("admin", taskId, Map.of("decision", "approve")).statusCode())
                .isEqualTo(403);
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void a_resubmitted_decision_with_the_same_idempotency_key_is_one_decision() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        Map<String, Object> body = Map.of("decision", "approve", "idempotencyKey", "click-1");

        Response first = decide("reviewer", taskId, body);
        Response second = decide("reviewer", taskId, body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        awaitClosed(execution);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void without_credentials_the_api_answers_401_and_pages_send_the_browser_to_sign_in() {
        given().get("/api/tasks").then().statusCode(401);
        given().redirects()
                .follow(false)
                .get("/inbox")
                .then()
                .statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/login"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void a_decision_posted_from_another_site_is_refused_and_nothing_is_decided() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);

        int status = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .header("Sec-Fetch-Site", "cross-site")
                .contentType(ContentType.URLENC)
                .formParam("decision", "approve")
                .post("/tasks/" + taskId + "/decision")
                .statusCode();
        int foreignOrigin = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .header("Origin", "https://evil.example.com")
                .contentType(ContentType.URLENC)
                .formParam("decision", "approve")
                .post("/tasks/" + taskId + "/decision")
                .statusCode();

        assertThat(status).isEqualTo(403);
        assertThat(foreignOrigin).isEqualTo(403);
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
    }
}
