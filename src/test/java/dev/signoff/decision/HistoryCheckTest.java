package dev.signoff.decision;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.decision.StepFunctionsGateway.History;
import dev.signoff.decision.StepFunctionsGateway.Marker;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** How the dispatcher tells from the execution history whether its callback landed (StepFunctionsGateway.history). */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class HistoryCheckTest {

    private static final Duration BUDGET = Duration.ofMinutes(1);

    @Inject
    SqsClient sqs;

    @Inject
    SfnClient sfn;

    @Inject
    StepFunctionsGateway gateway;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void the_marker_counts_only_under_its_own_key_of_the_tasks_own_result() {
        String id = UUID.randomUUID().toString();
        StartedExecution quoted =
                succeeded("{\"comment\":\"deliveryId " + id + "\",\"output\":{\"deliveryId\":\"" + id + "\"}}");
        StartedExecution ours = succeeded("{\"decision\":\"approved\",\"deliveryId\":\"" + id + "\"}");

        assertThat(gateway.history(quoted.executionArn(), new Marker("deliveryId", id), BUDGET))
                .as("the id quoted in a comment or nested in an output is not our callback")
                .isEqualTo(History.ABSENT);
        assertThat(gateway.history(ours.executionArn(), new Marker("deliveryId", id), BUDGET))
                .isEqualTo(History.FOUND);
    }

    @Test
    void a_history_longer_than_signoff_reads_is_unknown_never_absent() {
        String id = UUID.randomUUID().toString();
        StartedExecution execution = succeeded("{\"deliveryId\":\"" + id + "\"}");
        // Newest first: ExecutionSucceeded, TaskStateExited, then TaskSucceeded with our marker.
        StepFunctionsGateway twoEvents = new StepFunctionsGateway(sfn, StepFunctionsRates.unlimited(), 1, 2);
        StepFunctionsGateway threeEvents = new StepFunctionsGateway(sfn, StepFunctionsRates.unlimited(), 1, 3);

        assertThat(twoEvents.history(execution.executionArn(), new Marker("deliveryId", id), BUDGET))
                .isEqualTo(History.UNKNOWN);
        assertThat(twoEvents.history(
                        execution.executionArn(),
                        new Marker("deliveryId", UUID.randomUUID().toString()),
                        BUDGET))
                .isEqualTo(History.UNKNOWN);
        assertThat(threeEvents.history(execution.executionArn(), new Marker("deliveryId", id), BUDGET))
                .isEqualTo(History.FOUND);
    }

    @Test
    void an_execution_step_functions_does_not_know_never_received_our_callback() {
        String arn = "arn:aws:states:us-east-1:123456789012:execution:invoice-processing:" + UUID.randomUUID();

        assertThat(gateway.history(
                        arn, new Marker("deliveryId", UUID.randomUUID().toString()), BUDGET))
                .isEqualTo(History.ABSENT);
    }

    /** An execution whose waiting task succeeded with {@code output}, sent past Signoff. */
    private StartedExecution succeeded(String output) {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        awaitTask(execution);
        sfn.sendTaskSuccess(b -> b.taskToken(execution.taskToken()).output(output));
        return execution;
    }
}
