package dev.signoff.decision;

import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.appliedCallbacks;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.callbacksFor;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.audit.AuditEvent;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.Fault;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.MutableClock;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Two instances' dispatchers, played by hand on one app (its own dispatcher thread is stopped meanwhile): the first
 * claims a batch under a 1-second lease and is held up by a slow Step Functions answer; the second claims the same
 * rows once the lease has run out on the database's clock.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class FencedLeaseTest {

    private static final Duration LEASE = Duration.ofSeconds(1);

    @Inject
    SqsClient sqs;

    @Inject
    CallbackDispatcher dispatcher;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    private final MutableClock clock = StepFunctionsTestResource.clock();
    private final StepFunctionsStandIn standIn = StepFunctionsTestResource.standIn();

    @BeforeEach
    void stopThisInstancesDispatcher() throws InterruptedException {
        dispatcher.stopWorker();
        // Whatever earlier tests left due goes out now, so the batches below are this test's rows.
        while (dispatcher.deliverBatch(LEASE) > 0) {
            // next batch
        }
    }

    @AfterEach
    void startItAgain() {
        standIn.clearFaults();
        dispatcher.startWorker();
    }

    @Test
    void a_batch_claimed_again_after_its_lease_ran_out_is_applied_once_and_a_late_task_does_not_exist_stays_delivered()
            throws Exception {
        List<StartedExecution> executions = new ArrayList<>();
        List<UUID> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
            UUID taskId = awaitTask(execution);
            assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMillis(1)); // callbacks are claimed in the order they were queued
            executions.add(execution);
            tasks.add(taskId);
        }
        // The first instance's first call lands but its answer is slow; the second instance's first call is
        // answered TaskDoesNotExist (as a retry after a landed call can be).
        standIn.injectFault("SendTaskSuccess", Fault.slowResponse(Duration.ofMinutes(1), 1));
        standIn.injectFault("SendTaskSuccess", Fault.reject("TaskDoesNotExist", 400, 1));

        ExecutorService firstInstance = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> first = firstInstance.submit(() -> dispatcher.deliverBatch(LEASE));
            await().until(() -> standIn.slowCallsHeld() == 1);

            await().until(() -> dispatcher.deliverBatch(LEASE) > 0); // the second instance, once the lease ran out
            standIn.releaseSlow();
            assertThat(first.get())
                    .as("the first instance had claimed all three")
                    .isEqualTo(3);
        } finally {
            firstInstance.shutdownNow();
        }

        for (int i = 0; i < 3; i++) {
            assertThat(appliedCallbacks(executions.get(i))).isEqualTo(1);
            assertThat(statusOf(tasks.get(i))).isEqualTo(TaskStatus.DELIVERED);
            assertThat(outboxRow(tasks.get(i)).status).isEqualTo(OutboxEntry.Status.DELIVERED);
            assertThat(audit(tasks.get(i), "CALLBACK_DELIVERED")).hasSize(1);
        }
        assertThat(outboxRow(tasks.get(0)).lastError)
                .as("the second instance's TaskDoesNotExist was checked against the history")
                .contains("Confirmed from execution history")
                .contains("TaskDoesNotExist");
        assertThat(callbacksFor(executions.get(0))).as("sent by both instances").hasSize(2);
        assertThat(callbacksFor(executions.get(1)))
                .as("the first instance did not send rows the second had claimed")
                .hasSize(1);
        assertThat(callbacksFor(executions.get(2))).hasSize(1);
        assertThat(audit(tasks.get(0), "CALLBACK_EXPIRED")).isEmpty();
    }

    private static OutboxEntry outboxRow(UUID taskId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> OutboxEntry.<OutboxEntry>find("taskId", taskId).singleResult());
    }

    private static List<AuditEvent> audit(UUID taskId, String type) {
        return QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.forTask(taskId).stream()
                        .filter(e -> e.type.equals(type))
                        .toList());
    }
}
