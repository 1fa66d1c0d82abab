package dev.signoff.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.audit.AuditEvent;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskAssignee;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What a received batch already has in the database is read once for the whole batch ({@link IntakeBatch}); these
 * check that the batch then ends exactly as taking its messages in one at a time would. Each test runs a batched
 * poller of its own on a queue of its own.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class IntakeBatchLookupTest {

    @Inject
    SqsClient sqs;

    @Inject
    IntakeService intake;

    @Inject
    IntakeBatch batches;

    @Inject
    ExecutionEnds ends;

    @Inject
    IntakeConfig config;

    @Inject
    IntakePause pause;

    private final List<List<QueueMessage>> deleteCalls = new CopyOnWriteArrayList<>();
    private String queueUrl;
    private Queues queues;
    private QueuePoller poller;

    @BeforeEach
    void batchedPollerOnAQueueOfItsOwn() {
        queueUrl = sqs.createQueue(r -> r.queueName("intake-lookup-" + System.nanoTime()))
                .queueUrl();
        queues = new Queues(sqs, config) {
            @Override
            List<Undeleted> deleteAll(String url, List<QueueMessage> messages) {
                deleteCalls.add(messages);
                return super.deleteAll(url, messages);
            }
        };
        poller = QueuePoller.batched(
                "test queue", queueUrl, queues, batches::accept, intake::acceptAll, intake::accept, config, pause);
    }

    @Test
    void a_batch_of_new_requests_and_copies_stores_each_request_once_with_its_assignees_and_history() {
        StartedExecution stored = Workflows.start(sqs, queueUrl, 3600);
        poller.handle(receive(1).get(0));
        StartedExecution first = Workflows.start(sqs, queueUrl, 3600);
        StartedExecution second = Workflows.start(sqs, queueUrl, 3600);
        List<QueueMessage> batch = new ArrayList<>(receive(2));
        // A copy of the request already stored, and a copy of one in this very batch.
        sendCopyOf(stored);
        sendCopyOf(first);
        batch.addAll(receive(2));

        poller.handleBatch(batch);

        for (StartedExecution execution : List.of(stored, first, second)) {
            List<ReviewTask> tasks = tasksOf(execution);
            assertThat(tasks).hasSize(1);
            assertThat(auditTypes(tasks.get(0))).containsExactly("TASK_OPENED");
            assertThat(assignees(tasks.get(0))).containsExactly("finance-reviewers");
        }
        assertThat(deleteCalls).hasSize(1);
        assertThat(deleteCalls.get(0)).hasSize(4);
        assertThat(leftOnQueue()).isZero();
    }

    @Test
    void a_batch_holding_a_copy_of_a_stored_request_and_a_request_of_an_ended_execution_ends_as_one_at_a_time() {
        Map<String, String> batched = scenario(true);
        Map<String, String> oneAtATime = scenario(false);

        assertThat(batched)
                .containsEntry("stored", "PENDING [TASK_OPENED]")
                .containsEntry("ended", "CANCELLED [TASK_CANCELLED, TASK_OPENED]")
                .containsEntry("new", "PENDING [TASK_OPENED]")
                .containsEntry("left on the queue", "0");
        assertThat(batched).isEqualTo(oneAtATime);
    }

    /**
     * A request already stored, then a copy of it, a request whose execution Signoff already knows to have ended and
     * a new request, taken in as one batch or one message at a time. What each execution's task became.
     */
    private Map<String, String> scenario(boolean asOneBatch) {
        deleteCalls.clear();
        StartedExecution stored = Workflows.start(sqs, queueUrl, 3600);
        poller.handle(receive(1).get(0));
        StartedExecution ended = Workflows.start(sqs, queueUrl, 3600);
        StartedExecution fresh = Workflows.start(sqs, queueUrl, 3600);
        List<QueueMessage> batch = new ArrayList<>(receive(2));
        sendCopyOf(stored);
        batch.addAll(receive(1));
        // Its end event came before its request (the two queues are independent), a second after it entered.
        Instant stop = enteredAt(batch, ended).plusSeconds(1);
        QuarkusTransaction.requiringNew()
                .run(() -> ends.record(
                        new ExecutionEvent("event-" + System.nanoTime(), ended.executionArn(), "ABORTED", stop)));

        if (asOneBatch) {
            poller.handleBatch(batch);
            assertThat(deleteCalls).hasSize(1);
            assertThat(deleteCalls.get(0)).hasSize(3);
        } else {
            batch.forEach(poller::handle);
            assertThat(deleteCalls).isEmpty();
        }

        Map<String, String> outcome = new LinkedHashMap<>();
        outcome.put("stored", summary(stored));
        outcome.put("ended", summary(ended));
        outcome.put("new", summary(fresh));
        outcome.put("left on the queue", String.valueOf(leftOnQueue()));
        return outcome;
    }

    private String summary(StartedExecution execution) {
        List<ReviewTask> tasks = tasksOf(execution);
        assertThat(tasks).hasSize(1);
        return tasks.get(0).status() + " " + auditTypes(tasks.get(0));
    }

    private static Instant enteredAt(List<QueueMessage> batch, StartedExecution execution) {
        String body = batch.stream()
                .map(QueueMessage::body)
                .filter(b -> b.contains(execution.executionArn()))
                .findFirst()
                .orElseThrow();
        try {
            return Instant.parse(Workflows.JSON.readTree(body).get("enteredAt").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void sendCopyOf(StartedExecution execution) {
        String body = Workflows.request(new dev.signoff.sandbox.stepfunctions.TaskContext(
                        execution.taskToken(),
                        execution.executionArn(),
                        execution.stateMachineArn(),
                        "HumanReview",
                        execution.startDate()))
                .toString();
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }

    /** Receives until {@code count} messages are in hand (ElasticMQ may hand them out over several receives). */
    private List<QueueMessage> receive(int count) {
        List<QueueMessage> received = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (received.size() < count && System.nanoTime() < deadline) {
            received.addAll(queues.receive(queueUrl));
        }
        assertThat(received).hasSize(count);
        return received;
    }

    private long leftOnQueue() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static List<ReviewTask> tasksOf(StartedExecution execution) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ReviewTask.<ReviewTask>list("executionArn", execution.executionArn()));
    }

    private static List<String> auditTypes(ReviewTask task) {
        return QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.<AuditEvent>list("taskId", task.id).stream()
                        .map(e -> e.type)
                        .sorted()
                        .toList());
    }

    private static List<String> assignees(ReviewTask task) {
        return QuarkusTransaction.requiringNew()
                .call(() -> TaskAssignee.<TaskAssignee>list("key.taskId", task.id).stream()
                        .map(a -> a.key.name())
                        .toList());
    }
}
