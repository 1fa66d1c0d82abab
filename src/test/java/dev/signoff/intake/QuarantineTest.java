package dev.signoff.intake;

import static dev.signoff.testsupport.Patience.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** What intake keeps of a message it cannot take in, and when it answers the execution for it. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class QuarantineTest {

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.intake.dead-letter-queue-url")
    String deadLetterQueueUrl;

    @Test
    void problems_longer_than_the_reason_column_are_cut_with_a_marker_and_the_execution_is_still_failed() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> {
            // 40 findings naming a 200-char label no artifact has: 40 problem lines of about 250 chars each.
            body.remove("artifacts");
            ArrayNode findings = body.putArray("findings");
            for (int i = 0; i < 40; i++) {
                findings.addObject()
                        .put("title", "finding " + i)
                        .put("severity", "low")
                        .putArray("artifactRefs")
                        .add(String.format("%03d", i) + "x".repeat(197));
            }
        });

        await().until(() -> Workflows.execution(execution.executionArn()).status() == ExecutionStatus.FAILED);

        var failed = Workflows.execution(execution.executionArn());
        assertThat(failed.error()).isEqualTo("Signoff.InvalidRequest");
        assertThat(failed.cause()).contains("findings[39].artifactRefs[0]");
        QuarantineEntry entry = entryOf(execution.executionArn()).orElseThrow();
        assertThat(entry.action).isEqualTo(QuarantineEntry.Action.FAILED_EXECUTION);
        assertThat(entry.reason.length()).isLessThanOrEqualTo(QuarantineEntry.MAX_REASON_CHARS);
        assertThat(entry.reason)
                .startsWith("findings[0].artifactRefs[0]")
                .containsPattern("\\.\\.\\.: and \\d+ more problems not kept here")
                .doesNotContain("findings[39]");
        assertThat(deadLetterMessages()).noneMatch(body -> body.contains(execution.executionArn()));
    }

    @Test
    void an_invalid_message_with_the_token_of_an_open_task_is_quarantined_without_failing_the_execution() {
        AtomicReference<ObjectNode> request = new AtomicReference<>();
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> request.set(body.deepCopy()));
        UUID taskId = ReviewTasks.awaitTask(execution);

        ObjectNode copy = request.get();
        copy.remove("title");
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(copy.toString()));

        await().until(() -> entryOf(execution.executionArn()).isPresent());
        QuarantineEntry entry = entryOf(execution.executionArn()).orElseThrow();
        assertThat(entry.action).isEqualTo(QuarantineEntry.Action.COPY_OF_TASK);
        assertThat(entry.reason).contains("title");
        assertThat(entry.body).doesNotContain(execution.taskToken());
        await().until(() -> queueIsEmpty(queueUrl));
        assertThat(Workflows.execution(execution.executionArn()).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(ReviewTasks.callbacksFor(execution))
                .noneMatch(c -> c.operation().equals("SendTaskFailure"));
    }

    private static Optional<QuarantineEntry> entryOf(String executionArn) {
        return QuarkusTransaction.requiringNew()
                .call(() -> QuarantineEntry.<QuarantineEntry>find("executionArn", executionArn)
                        .firstResultOptional());
    }

    private List<String> deadLetterMessages() {
        return sqs
                .receiveMessage(r ->
                        r.queueUrl(deadLetterQueueUrl).maxNumberOfMessages(10).visibilityTimeout(0))
                .messages()
                .stream()
                .map(m -> m.body())
                .toList();
    }

    private boolean queueIsEmpty(String url) {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNamesWithStrings(
                                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return "0".equals(attributes.get("ApproximateNumberOfMessages"))
                && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }
}
