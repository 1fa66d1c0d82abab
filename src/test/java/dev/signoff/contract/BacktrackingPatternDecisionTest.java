package dev.signoff.contract;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A workflow's outputSchema pattern cannot pin the thread that checks a reviewer's decision. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class BacktrackingPatternDecisionTest {

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void an_approval_whose_edit_nearly_matches_a_backtracking_pattern_is_refused_at_once() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> {
            ObjectNode invoiceNumber = (ObjectNode) body.at("/outputSchema/properties/invoiceNumber");
            // Polynomial (about n^12 steps) on java.util.regex; linear on RE2.
            invoiceNumber.put("pattern", "^(.*a){12}$").put("maxLength", 100);
        });
        UUID taskId = awaitTask(execution);

        Response response = assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> decide(
                        "reviewer",
                        taskId,
                        Map.of(
                                "decision",
                                "approve",
                                "output",
                                Map.of("invoiceNumber", "a".repeat(60) + "!", "total", 1, "currency", "EUR"))));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.jsonPath().getString("detail"))
                .contains("invoiceNumber")
                .contains("^(.*a){12}$");
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(decide(
                                "reviewer",
                                taskId,
                                Map.of(
                                        "decision",
                                        "approve",
                                        "output",
                                        Map.of("invoiceNumber", "a".repeat(60), "total", 1, "currency", "EUR")))
                        .statusCode())
                .isEqualTo(200);
    }
}
