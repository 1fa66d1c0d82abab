package dev.signoff.intake;

import static dev.signoff.testsupport.Patience.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
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
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * End to end with the events the Step Functions stand-in emits itself (the shape EventBridge delivers), forwarded
 * to the events queue as the queues stack's rule does: no hand-built event anywhere.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class StoppedExecutionTest {

    @Inject
    SqsClient sqs;

    @Inject
    SfnClient sfn;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.intake.execution-events-queue-url")
    String eventsQueueUrl;

    @Test
    void stopping_a_waiting_execution_takes_its_review_out_of_the_inbox() throws Exception {
        try (AutoCloseable rule = StepFunctionsTestResource.forwardStatusChanges(this::forward)) {
            StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
            UUID taskId = ReviewTasks.awaitTask(execution);

            sfn.stopExecution(r -> r.executionArn(execution.executionArn()).error("Ops.Cancelled"));

            await().until(() -> ReviewTasks.statusOf(taskId) == TaskStatus.CANCELLED);
            String reason = QuarkusTransaction.requiringNew()
                    .call(() -> ReviewTask.<ReviewTask>findById(taskId).statusReason());
            assertThat(reason).startsWith("The execution ended (ABORTED at ");
            assertThat(given().auth()
                            .preemptive()
                            .basic("reviewer", "reviewer")
                            .get("/api/tasks")
                            .asString())
                    .doesNotContain(taskId.toString());
        }
    }

    @Test
    void the_success_event_after_an_approval_leaves_the_decided_review_alone() throws Exception {
        try (AutoCloseable rule = StepFunctionsTestResource.forwardStatusChanges(this::forward)) {
            StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
            UUID taskId = ReviewTasks.awaitTask(execution);

            int status = given().auth()
                    .preemptive()
                    .basic("reviewer", "reviewer")
                    .contentType(ContentType.JSON)
                    .body(Map.of("decision", "approve"))
                    .post("/api/tasks/" + taskId + "/decision")
                    .statusCode();

            assertThat(status).isEqualTo(200);
            assertThat(ReviewTasks.awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            await().until(() -> ReviewTasks.statusOf(taskId) == TaskStatus.DELIVERED);
            await().until(() -> eventsQueueIsEmpty());
            assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.DELIVERED);
        }
    }

    private void forward(String event) {
        sqs.sendMessage(r -> r.queueUrl(eventsQueueUrl).messageBody(event));
    }

    private boolean eventsQueueIsEmpty() {
        Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(eventsQueueUrl)
                        .attributeNamesWithStrings(
                                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return attributes.values().stream().allMatch("0"::equals);
    }
}
