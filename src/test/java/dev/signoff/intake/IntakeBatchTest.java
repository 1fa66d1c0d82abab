package dev.signoff.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.review.ReviewTask;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The batch path of intake: one transaction and one DeleteMessageBatch per received batch. Runs a batched poller of
 * its own on a queue of its own (the app's pollers never see it) and counts the delete calls it makes to ElasticMQ.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class IntakeBatchTest {

    /** A title the database refuses (trigger below): a message that fails inside an otherwise good batch. */
    private static final String REFUSED_TITLE = "Refused by the database";

    @Inject
    SqsClient sqs;

    @Inject
    IntakeService intake;

    @Inject
    IntakeBatch batches;

    @Inject
    IntakeConfig config;

    @Inject
    IntakePause pause;

    @Inject
    AgroalDataSource dataSource;

    private final List<List<QueueMessage>> deleteCalls = new CopyOnWriteArrayList<>();
    private String queueUrl;
    private Queues queues;
    private QueuePoller poller;

    @BeforeEach
    void batchedPollerOnAQueueOfItsOwn() throws SQLException {
        queueUrl = sqs.createQueue(r -> r.queueName("intake-batch-" + System.nanoTime()))
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
        sql("create or replace function refuse_test_title() returns trigger language plpgsql as $$ begin"
                + " if new.title = '" + REFUSED_TITLE + "' then raise exception 'refused for the test'; end if;"
                + " return new; end $$");
        sql("create or replace trigger refuse_test_title before insert on review_task"
                + " for each row execute function refuse_test_title()");
    }

    @AfterEach
    void dropTrigger() throws SQLException {
        sql("drop trigger if exists refuse_test_title on review_task");
    }

    @Test
    void a_batch_with_one_message_the_database_refuses_stores_the_others_and_deletes_them_in_one_call() {
        StartedExecution first = Workflows.start(sqs, queueUrl, 3600);
        StartedExecution refused = Workflows.start(sqs, queueUrl, 3600, body -> body.put("title", REFUSED_TITLE));
        StartedExecution last = Workflows.start(sqs, queueUrl, 3600);

        poller.handleBatch(receive(3));

        assertThat(tasksOf(first)).hasSize(1);
        assertThat(tasksOf(last)).hasSize(1);
        assertThat(tasksOf(refused)).isEmpty();
        assertThat(deleteCalls).hasSize(1);
        assertThat(deleteCalls.get(0))
                .extracting(m -> m.body().contains(REFUSED_TITLE))
                .containsExactly(false, false);
        // As before batching: the refused message stays on the queue for redelivery (and, in the end, the DLQ), and
        // its execution keeps waiting.
        assertThat(depth(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .isEqualTo(1);
        assertThat(Workflows.execution(refused.executionArn()).status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void a_batch_mixing_a_request_a_copy_and_a_tokenless_body_is_one_transaction_and_one_delete_call() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        StartedExecution copied = Workflows.start(sqs, queueUrl, 3600);
        List<QueueMessage> batch = receive(2);
        String copiedBody = batch.stream()
                .map(QueueMessage::body)
                .filter(b -> b.contains(copied.executionArn()))
                .findFirst()
                .orElseThrow();
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(copiedBody));
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("not json " + System.nanoTime()));
        batch = new ArrayList<>(batch);
        batch.addAll(receive(2));

        poller.handleBatch(batch);

        assertThat(tasksOf(execution)).hasSize(1);
        assertThat(tasksOf(copied)).hasSize(1);
        // The request, its copy (a duplicate within the same transaction) and the copy's original go in one call;
        // the body without a token is quarantined and left for the DLQ, as a message on its own would be.
        assertThat(deleteCalls).hasSize(1);
        assertThat(deleteCalls.get(0)).hasSize(3).noneMatch(m -> m.body().startsWith("not json"));
    }

    @Test
    void a_message_the_batch_delete_misses_comes_back_and_is_recognised_as_a_duplicate() {
        StartedExecution kept = Workflows.start(sqs, queueUrl, 3600);
        StartedExecution missed = Workflows.start(sqs, queueUrl, 3600);
        List<QueueMessage> batch = new ArrayList<>(receive(2));
        int index = batch.get(0).body().contains(missed.executionArn()) ? 0 : 1;
        QueueMessage real = batch.get(index);
        // A receipt handle SQS no longer accepts, as after the message's visibility timeout ran out mid-batch.
        batch.set(index, new QueueMessage(real.messageId(), "stale-" + real.receiptHandle(), real.body(), 1));

        poller.handleBatch(batch);

        assertThat(deleteCalls).hasSize(1);
        assertThat(tasksOf(kept)).hasSize(1);
        assertThat(tasksOf(missed)).hasSize(1);
        assertThat(depth(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .isEqualTo(1);

        sqs.changeMessageVisibility(
                r -> r.queueUrl(queueUrl).receiptHandle(real.receiptHandle()).visibilityTimeout(0));
        poller.handle(receive(1).get(0));

        assertThat(tasksOf(missed)).hasSize(1);
        assertThat(depth(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                        + depth(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .isZero();
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

    private long depth(QueueAttributeName attribute) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(
                        r -> r.queueUrl(queueUrl).attributeNames(attribute))
                .attributes();
        return Long.parseLong(attributes.get(attribute));
    }

    private static List<ReviewTask> tasksOf(StartedExecution execution) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ReviewTask.<ReviewTask>list("executionArn", execution.executionArn()));
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
