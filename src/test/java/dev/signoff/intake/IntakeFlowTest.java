package dev.signoff.intake;

import static dev.signoff.testsupport.Patience.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class IntakeFlowTest {

    @Inject
    SqsClient sqs;

    @Inject
    IntakeService intake;

    @Inject
    dev.signoff.security.TokenCipher cipher;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.intake.dead-letter-queue-url")
    String deadLetterQueueUrl;

    @Test
    void a_request_on_the_queue_becomes_one_pending_task() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);

        List<ReviewTask> tasks = awaitTasks(execution.executionArn(), 1);

        ReviewTask task = tasks.get(0);
        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.title).isEqualTo("Invoice INV-4711: confirm low-confidence fields");
        assertThat(task.requestJson).doesNotContain(execution.taskToken()).contains("<redacted>");
        assertThat(task.tokenCiphertext).doesNotContain(execution.taskToken());
        await().until(() -> queueIsEmpty(queueUrl));
    }

    @Test
    void the_same_request_delivered_twice_creates_one_task() {
        AtomicReference<String> body = new AtomicReference<>();
        StartedExecution execution = StepFunctionsTestResource.standIn()
                .startWaitingExecution(
                        dev.signoff.sandbox.stepfunctions.WaitForTaskTokenTask.of("invoice-processing", "Review", 3600),
                        sqs,
                        queueUrl,
                        context -> {
                            body.set(Workflows.request(context).toString());
                            return body.get();
                        });
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body.get()));

        await().until(() -> queueIsEmpty(queueUrl));
        assertThat(tasksOf(execution.executionArn())).hasSize(1);
    }

    @Test
    void a_message_redelivered_after_a_crash_between_commit_and_delete_creates_no_second_task() {
        // The execution's message goes to a queue no poller reads, so this test plays the instance that crashed:
        // it takes the message in (the transaction commits) and never deletes it.
        StartedExecution execution = Workflows.start(sqs, deadLetterQueueUrl, 3600);
        Message message = receiveOne(deadLetterQueueUrl, execution.executionArn());
        QueueMessage taken = new QueueMessage(message.messageId(), message.receiptHandle(), message.body(), 1);
        assertThat(intake.accept(taken)).isEqualTo(Disposition.DELETE);
        sqs.deleteMessage(r -> r.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle()));

        // SQS then redelivers it to a healthy instance.
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(message.body()));

        await().until(() -> queueIsEmpty(queueUrl));
        assertThat(tasksOf(execution.executionArn())).hasSize(1);
    }

    @Test
    void an_invalid_request_with_a_readable_token_is_quarantined_and_fails_the_execution_at_once() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> {
            body.remove("title");
            body.putObject("assignees");
        });

        await().until(() -> Workflows.execution(execution.executionArn()).status() == ExecutionStatus.FAILED);
        var snapshot = Workflows.execution(execution.executionArn());
        assertThat(snapshot.error()).isEqualTo("Signoff.InvalidRequest");
        assertThat(snapshot.cause()).contains("title").contains("quarantineId");
        assertThat(tasksOf(execution.executionArn())).isEmpty();
        QuarantineEntry entry = QuarkusTransaction.requiringNew()
                .call(() -> QuarantineEntry.<QuarantineEntry>find("executionArn", execution.executionArn())
                        .singleResult());
        assertThat(entry.action).isEqualTo(QuarantineEntry.Action.FAILED_EXECUTION);
        assertThat(entry.body).doesNotContain(execution.taskToken());
        assertThat(entry.reason).contains("title");
        await().until(() -> queueIsEmpty(queueUrl));
    }

    @Test
    void a_body_without_a_readable_token_is_quarantined_sealed_and_left_for_the_dead_letter_queue() {
        String marker = "not json at all " + System.nanoTime();
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(marker));

        await().until(() -> deadLetterHas(marker));
        List<QuarantineEntry> entries = QuarkusTransaction.requiringNew()
                .call(() -> QuarantineEntry.<QuarantineEntry>list("action", QuarantineEntry.Action.LEFT_FOR_DLQ))
                .stream()
                .filter(e -> marker.equals(unseal(e.body)))
                .toList();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).receiveCount).isGreaterThan(1);
        // Not JSON, so nobody can tell whether it holds a token: it is kept sealed, never in clear.
        assertThat(entries.get(0).body).startsWith(IntakeService.SEALED_PREFIX).doesNotContain(marker);
    }

    private String unseal(String body) {
        return body.startsWith(IntakeService.SEALED_PREFIX)
                ? cipher.open(body.substring(IntakeService.SEALED_PREFIX.length()))
                : body;
    }

    private List<ReviewTask> awaitTasks(String executionArn, int count) {
        await().until(() -> tasksOf(executionArn).size() >= count);
        return tasksOf(executionArn);
    }

    static List<ReviewTask> tasksOf(String executionArn) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewTask.list("executionArn", executionArn));
    }

    private Message receiveOne(String url, String executionArn) {
        AtomicReference<Message> found = new AtomicReference<>();
        await().until(() -> {
            sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                    .filter(m -> m.body().contains(executionArn))
                    .findFirst()
                    .ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    private boolean queueIsEmpty(String url) {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNamesWithStrings(
                                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return "0".equals(attributes.get("ApproximateNumberOfMessages"))
                && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    private boolean deadLetterHas(String body) {
        return sqs
                .receiveMessage(r ->
                        r.queueUrl(deadLetterQueueUrl).maxNumberOfMessages(10).visibilityTimeout(0))
                .messages()
                .stream()
                .anyMatch(m -> m.body().equals(body));
    }
}
