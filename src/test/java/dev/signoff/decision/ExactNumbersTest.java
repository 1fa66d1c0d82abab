package dev.signoff.decision;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.WaitForTaskTokenTask;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Money reaches the workflow as written, edited or proposed: the assertions read the JSON text the Step Functions
 * stand-in received, because a comparison of parsed numbers cannot tell 1208.00 from 1208.0.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ExactNumbersTest {

    /** Numbers a double would change: trailing zeros, an exponent, more digits than a long, a binary fraction. */
    private static final String PROPOSAL = "{\"invoiceNumber\":\"INV-4711\",\"total\":4200.00,\"currency\":\"EUR\","
            + "\"lines\":1e2,\"reference\":12345678901234567890,\"rate\":0.1}";

    /** The same numbers as they leave Signoff: exponents written out in plain digits, everything else untouched. */
    private static final String PROPOSAL_AS_SENT = "{\"invoiceNumber\":\"INV-4711\",\"total\":4200.00,"
            + "\"currency\":\"EUR\",\"lines\":100,\"reference\":12345678901234567890,\"rate\":0.1}";

    private static final String EDIT = "{\"invoiceNumber\":\"INV-4711\",\"total\":1208.00,\"currency\":\"EUR\"}";

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void an_edited_total_typed_in_the_form_reaches_the_workflow_exactly_as_typed() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);

        int status = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("decision", "approve")
                .formParam("output", EDIT)
                .post("/tasks/" + taskId + "/decision")
                .statusCode();

        assertThat(status).isEqualTo(303);
        ExecutionSnapshot done = ReviewTasks.awaitClosed(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).contains("\"output\":" + EDIT + ",\"edited\":true");
        assertThat(storedOutput(taskId)).isEqualTo(EDIT);
    }

    @Test
    void an_edit_with_more_than_one_json_value_is_refused_with_where_the_extra_text_starts() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);

        // A plain Jackson reader takes the first value and drops the rest; the workflow would get half an edit.
        String page = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .contentType(ContentType.URLENC)
                .formParam("decision", "approve")
                .formParam("output", EDIT + "\n{\"total\":1280.00}")
                .post("/tasks/" + taskId + "/decision")
                .then()
                .statusCode(422)
                .extract()
                .asString();

        assertThat(page).contains("The edited output is not valid JSON (line 2, column");
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(ReviewTasks.callbacksFor(execution)).isEmpty();
    }

    @Test
    void an_unedited_proposal_reaches_the_workflow_with_its_numbers_and_the_api_shows_them_the_same_way() {
        StartedExecution execution = startWithProposal(PROPOSAL);
        UUID taskId = ReviewTasks.awaitTask(execution);

        String task = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/api/tasks/" + taskId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(task).contains("\"proposedOutput\":" + PROPOSAL_AS_SENT);
        assertThat(ReviewTasks.approve(taskId).statusCode()).isEqualTo(200);

        ExecutionSnapshot done = ReviewTasks.awaitClosed(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).contains("\"output\":" + PROPOSAL_AS_SENT + ",\"edited\":false");
        assertThat(storedOutput(taskId)).isEqualTo(PROPOSAL_AS_SENT);
    }

    /**
     * The fixture request with {@code proposedOutput} spliced in as text: built as a Jackson tree, the request
     * would already have rewritten the numbers before Signoff saw them.
     */
    private StartedExecution startWithProposal(String proposedOutput) {
        WaitForTaskTokenTask task = WaitForTaskTokenTask.of("invoice-processing", "HumanReview", 3600);
        return StepFunctionsTestResource.standIn().startWaitingExecution(task, sqs, queueUrl, context -> {
            ObjectNode body = Workflows.request(context);
            body.put("proposedOutput", "@proposedOutput@");
            return body.toString().replace("\"@proposedOutput@\"", proposedOutput);
        });
    }

    /** decision.output_json: what the portal keeps as sent, so it must match the callback too. */
    private static String storedOutput(UUID taskId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Decision.forTask(taskId).orElseThrow().outputJson);
    }
}
