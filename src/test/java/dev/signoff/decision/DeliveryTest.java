package dev.signoff.decision;

import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.appliedCallbacks;
import static dev.signoff.testsupport.ReviewTasks.awaitClosed;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.Fault;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import dev.signoff.sandbox.stepfunctions.WaitForTaskTokenTask;
import dev.signoff.security.Reviewer;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.MutableClock;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class DeliveryTest {

    @Inject
    SqsClient sqs;

    @Inject
    DecisionService decisions;

    @Inject
    DeliveryStore store;

    @Inject
    TaskUpkeep upkeep;

    private final MutableClock clock = StepFunctionsTestResource.clock();

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @AfterEach
    void clearFaults() {
        StepFunctionsTestResource.standIn().clearFaults();
    }

    @Test
    void decision_is_sent_once_when_two_reviewers_race() throws Exception {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Response> riley = pool.submit(racer(go, "reviewer", taskId, "approve"));
            Future<Response> sam = pool.submit(racer(go, "reviewer2", taskId, "reject"));
            go.countDown();
            List<Integer> statuses = List.of(riley.get().statusCode(), sam.get().statusCode());

            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            Response loser = riley.get().statusCode() == 409 ? riley.get() : sam.get();
            String winnerName = riley.get().statusCode() == 200 ? "Riley Reviewer" : "Sam Second";
            assertThat(loser.jsonPath().getString("detail")).contains(winnerName + " already decided");
        } finally {
            pool.shutdown();
        }
        awaitClosed(execution);
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void a_resubmission_racing_its_original_gets_the_same_decision_not_a_conflict() throws Exception {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        Map<String, String> body = Map.of("decision", "approve", "idempotencyKey", "double-click-" + taskId);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Response> submit = () -> {
                go.await();
                return decide("reviewer", taskId, body);
            };
            Future<Response> first = pool.submit(submit);
            Future<Response> second = pool.submit(submit);
            go.countDown();

            assertThat(first.get().statusCode()).isEqualTo(200);
            assertThat(second.get().statusCode()).isEqualTo(200);
            assertThat(second.get().jsonPath().getString("id"))
                    .isEqualTo(first.get().jsonPath().getString("id"));
        } finally {
            pool.shutdown();
        }
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void a_decision_on_a_token_that_timed_out_marks_the_task_expired_and_says_so() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 60);
        UUID taskId = awaitTask(execution);
        clock.advance(Duration.ofMinutes(2));
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);

        await().until(() -> statusOf(taskId) == TaskStatus.EXPIRED);
        ReviewTask task = QuarkusTransaction.requiringNew().call(() -> ReviewTask.findById(taskId));
        assertThat(task.statusReason()).contains("stopped waiting").contains("TaskTimedOut");
        String page = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/tasks/" + taskId)
                .asString();
        assertThat(page).contains("Expired").contains("stopped waiting");
        assertThat(Workflows.execution(execution.executionArn()).error()).isEqualTo("States.Timeout");
    }

    @Test
    void a_decision_on_a_task_step_functions_does_not_know_marks_it_expired_with_the_reason() {
        // A token minted elsewhere (another account, or a sandbox restarted since) is well-formed but unknown here.
        try (StepFunctionsStandIn elsewhere = StepFunctionsStandIn.start(0, java.time.Clock.systemUTC())) {
            StartedExecution execution = elsewhere.startWaitingExecution(
                    WaitForTaskTokenTask.of("invoice-processing", "HumanReview", 3600),
                    sqs,
                    queueUrl,
                    context -> Workflows.request(context).toString());
            UUID taskId = awaitTask(execution);

            assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);

            await().until(() -> statusOf(taskId) == TaskStatus.EXPIRED);
            ReviewTask task = QuarkusTransaction.requiringNew().call(() -> ReviewTask.findById(taskId));
            assertThat(task.statusReason()).contains("no longer knows").contains("TaskDoesNotExist");
        }
    }

    @Test
    void a_throttled_callback_is_retried_with_backoff_and_delivered_once() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        // More throttles than the SDK retries on its own, so the dispatcher's own retry has to take over.
        StepFunctionsTestResource.standIn().injectFault("SendTaskSuccess", Fault.throttling(6));

        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);

        assertThat(awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
        OutboxEntry entry = QuarkusTransaction.requiringNew()
                .call(() -> OutboxEntry.<OutboxEntry>find("taskId", taskId).singleResult());
        assertThat(entry.attempts).isGreaterThan(1);
        assertThat(entry.status).isEqualTo(OutboxEntry.Status.DELIVERED);
    }

    @Test
    void a_lost_response_followed_by_task_timed_out_is_confirmed_from_the_execution_history() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        StepFunctionsTestResource.standIn().injectFault("SendTaskSuccess", Fault.applyThenRespond500(1));

        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);

        await().until(() -> statusOf(taskId) != TaskStatus.DECIDED);
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.DELIVERED);
        assertThat(Workflows.execution(execution.executionArn()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void a_lost_response_followed_by_task_does_not_exist_is_confirmed_from_the_execution_history() {
        assertLostResponseIsConfirmed("TaskDoesNotExist");
    }

    @Test
    void a_lost_response_followed_by_invalid_token_is_confirmed_from_the_execution_history() {
        assertLostResponseIsConfirmed("InvalidToken");
    }

    private void assertLostResponseIsConfirmed(String laterAnswer) {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        // The first call lands but its answer is lost; the SDK's own retry is answered with an ambiguous error.
        StepFunctionsTestResource.standIn().injectFault("SendTaskSuccess", Fault.applyThenRespond500(1));
        StepFunctionsTestResource.standIn().injectFault("SendTaskSuccess", Fault.reject(laterAnswer, 400, 1));

        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);

        await().until(() -> statusOf(taskId) != TaskStatus.DECIDED);
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.DELIVERED);
        OutboxEntry entry = QuarkusTransaction.requiringNew()
                .call(() -> OutboxEntry.<OutboxEntry>find("taskId", taskId).singleResult());
        assertThat(entry.status).isEqualTo(OutboxEntry.Status.DELIVERED);
        assertThat(entry.lastError).contains("Confirmed from execution history").contains(laterAnswer);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void a_callback_left_claimed_by_a_crashed_instance_is_delivered_once_its_lease_ends() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        Reviewer riley = new Reviewer("reviewer", "Riley Reviewer", "riley@example.com", Set.of("finance-reviewers"));
        // Decide and, in the same commit, leave the callback claimed by an instance that then died. Leases are on the
        // database's clock, so "5 minutes" is the database's.
        QuarkusTransaction.requiringNew().run(() -> {
            decisions.decide(taskId, new DecisionCommand(Outcome.APPROVE, null, null, null, "k"), riley);
            OutboxEntry entry = OutboxEntry.find("taskId", taskId).singleResult();
            entry.leaseUntil = Instant.now().plus(Duration.ofMinutes(5));
            entry.claimToken = UUID.randomUUID();
        });

        assertThat(store.claimDue())
                .as("nobody claims a callback another instance holds")
                .noneMatch(claimed -> taskId.equals(claimed.taskId()));
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.DECIDED);

        // Five minutes later on the database's clock, the lease has run out.
        QuarkusTransaction.requiringNew()
                .run(() -> OutboxEntry.update(
                        "leaseUntil = ?1 where taskId = ?2", Instant.now().minusSeconds(1), taskId));
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void a_sealed_token_moved_into_another_tasks_callback_does_not_open_and_nothing_is_sent() {
        StartedExecution first = Workflows.start(sqs, queueUrl, 3600);
        StartedExecution second = Workflows.start(sqs, queueUrl, 3600);
        UUID firstTask = awaitTask(first);
        UUID secondTask = awaitTask(second);
        Reviewer riley = new Reviewer("reviewer", "Riley Reviewer", "riley@example.com", Set.of("finance-reviewers"));
        // Someone with write access to the database swaps the second task's sealed token into the first's callback.
        QuarkusTransaction.requiringNew().run(() -> {
            decisions.decide(firstTask, new DecisionCommand(Outcome.APPROVE, null, null, null, "swap"), riley);
            OutboxEntry entry = OutboxEntry.find("taskId", firstTask).singleResult();
            entry.tokenCiphertext = ReviewTask.<ReviewTask>findById(secondTask).tokenCiphertext;
        });

        await().until(() -> String.valueOf(QuarkusTransaction.requiringNew()
                        .call(() -> OutboxEntry.<OutboxEntry>find("taskId", firstTask)
                                .singleResult()
                                .lastError))
                .contains("sealed for another row"));

        assertThat(appliedCallbacks(second))
                .as("the other execution is not resumed")
                .isZero();
        assertThat(appliedCallbacks(first)).isZero();
        assertThat(Workflows.execution(second.executionArn()).status()).isEqualTo(ExecutionStatus.RUNNING);
        // Set the row aside, as an admin would, so its retries do not take a place in later tests' batches.
        QuarkusTransaction.requiringNew()
                .run(() -> OutboxEntry.update("status = ?1 where taskId = ?2", OutboxEntry.Status.FAILED, firstTask));
    }

    @Test
    void signoff_heartbeats_a_waiting_execution_so_its_heartbeat_deadline_never_passes() {
        // Heartbeats go out at a third of HeartbeatSeconds: every 20 s of the clock for 60 s.
        WaitForTaskTokenTask task = WaitForTaskTokenTask.of("invoice-processing", "HumanReview", 3600)
                .withHeartbeatSeconds(60);
        StartedExecution execution = StepFunctionsTestResource.standIn()
                .startWaitingExecution(
                        task,
                        sqs,
                        queueUrl,
                        context -> Workflows.request(context)
                                .put("heartbeatSeconds", 60)
                                .toString());
        UUID taskId = awaitTask(execution);
        upkeep.sendHeartbeats();

        // 200 s on the clock: three heartbeat deadlines would have passed without heartbeats.
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(20));
            upkeep.sendHeartbeats();
        }

        assertThat(Workflows.execution(execution.executionArn()).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(heartbeats(execution)).isGreaterThanOrEqualTo(10);
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void a_review_whose_deadline_passes_leaves_the_inbox_as_expired() {
        Instant deadline = clock.instant().plus(Duration.ofHours(1));
        StartedExecution execution =
                Workflows.start(sqs, queueUrl, 7200, body -> body.put("timeoutAt", deadline.toString()));
        UUID taskId = awaitTask(execution);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        upkeep.expireOverdue();

        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.EXPIRED);
        assertThat(ReviewTasks.inboxJson("reviewer")).doesNotContain(taskId.toString());
        Response late = decide("reviewer", taskId, "approve");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.jsonPath().getString("detail")).contains("expired");
    }

    private static long heartbeats(StartedExecution execution) {
        String tokenHash = Workflows.execution(execution.executionArn()).taskTokenSha256();
        return StepFunctionsTestResource.standIn().calls().stream()
                .filter(c -> c.operation().equals("SendTaskHeartbeat") && c.applied())
                .filter(c -> tokenHash.equals(c.request().get("taskTokenSha256")))
                .count();
    }

    private static Callable<Response> racer(CountDownLatch go, String user, UUID taskId, String decision) {
        return () -> {
            go.await();
            return decide(user, taskId, decision);
        };
    }
}
