package dev.signoff.decision;

import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.appliedCallbacks;
import static dev.signoff.testsupport.ReviewTasks.awaitClosed;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.review.TaskExpiry;
import dev.signoff.review.TaskLifecycle;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** expiresAt: a review nobody decided in time is closed and its workflow told with Signoff.Expired. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ExpiryTest {

    @Inject
    SqsClient sqs;

    @Inject
    TaskUpkeep upkeep;

    @Inject
    TaskExpiry expiry;

    @Inject
    TaskLifecycle lifecycle;

    private final MutableClock clock = StepFunctionsTestResource.clock();

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void a_review_still_open_at_its_expiry_fails_the_execution_with_signoff_expired() throws Exception {
        Instant expiresAt = clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        StartedExecution execution =
                Workflows.start(sqs, queueUrl, 3600, body -> body.put("expiresAt", expiresAt.toString()));
        UUID taskId = awaitTask(execution);
        assertThat(page(taskId)).contains("Review closes");

        clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        upkeep.closeUndecided();
        ExecutionSnapshot closed = awaitClosed(execution);

        assertThat(closed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(closed.error()).isEqualTo("Signoff.Expired");
        JsonNode cause = Workflows.JSON.readTree(closed.cause());
        assertThat(cause.get("decision").textValue()).isEqualTo("expired");
        assertThat(cause.get("taskId").textValue()).isEqualTo(taskId.toString());
        assertThat(Instant.parse(cause.get("expiresAt").textValue())).isEqualTo(expiresAt);
        assertThat(Instant.parse(cause.get("expiredAt").textValue())).isAfterOrEqualTo(expiresAt);
        await().until(() -> outboxStatus(taskId) == OutboxEntry.Status.DELIVERED);
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.EXPIRED);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);

        String page = page(taskId);
        assertThat(page).contains("Expired").contains("Nobody decided before the review closed");
        assertThat(page)
                .as("the panel is read-only and says why")
                .contains("id=\"read-only\"", "This review expired without a decision")
                .doesNotContain("id=\"decision-form\"");
        assertThat(ReviewTasks.inboxJson("reviewer")).doesNotContain(taskId.toString());
        Response late = ReviewTasks.approve(taskId);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.jsonPath().getString("detail")).contains("expired");
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void a_review_decided_before_its_expiry_is_not_expired_later() {
        Instant expiresAt = clock.instant().plus(Duration.ofMinutes(30));
        StartedExecution execution =
                Workflows.start(sqs, queueUrl, 3600, body -> body.put("expiresAt", expiresAt.toString()));
        UUID taskId = awaitTask(execution);
        assertThat(ReviewTasks.approve(taskId).statusCode()).isEqualTo(200);
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);

        clock.advance(Duration.ofMinutes(30).plusSeconds(2));
        upkeep.closeUndecided();

        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.DELIVERED);
        assertThat(Workflows.execution(execution.executionArn()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void expiry_and_a_decision_at_the_same_moment_give_each_workflow_exactly_one_answer() throws Exception {
        Instant expiresAt = clock.instant().plus(Duration.ofMinutes(30));
        List<StartedExecution> executions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            executions.add(Workflows.start(sqs, queueUrl, 3600, body -> body.put("expiresAt", expiresAt.toString())));
        }
        List<UUID> tasks = executions.stream().map(ReviewTasks::awaitTask).toList();
        clock.advance(Duration.ofMinutes(30).plusMillis(200));

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size() + 1);
        try {
            List<Future<Integer>> decisions = new ArrayList<>();
            for (UUID taskId : tasks) {
                decisions.add(pool.submit(() -> {
                    go.await();
                    return ReviewTasks.approve(taskId).statusCode();
                }));
            }
            Future<?> expiry = pool.submit(() -> {
                go.await();
                upkeep.closeUndecided();
                return null;
            });
            go.countDown();
            expiry.get();
            for (int i = 0; i < tasks.size(); i++) {
                int status = decisions.get(i).get();
                UUID taskId = tasks.get(i);
                StartedExecution execution = executions.get(i);
                ExecutionSnapshot closed = awaitClosed(execution);
                if (status == 200) {
                    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                    await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);
                } else {
                    assertThat(status).isEqualTo(409);
                    assertThat(closed.error()).isEqualTo("Signoff.Expired");
                    assertThat(statusOf(taskId)).isEqualTo(TaskStatus.EXPIRED);
                }
                assertThat(appliedCallbacks(execution))
                        .as("callbacks applied for task " + taskId)
                        .isEqualTo(1);
                assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxEntry.count("taskId", taskId)))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void an_expiry_round_skips_the_task_that_closed_after_it_was_found_and_closes_the_others() {
        Instant expiresAt = clock.instant().plus(Duration.ofMinutes(30));
        List<StartedExecution> executions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            executions.add(Workflows.start(sqs, queueUrl, 3600, body -> body.put("expiresAt", expiresAt.toString())));
        }
        List<UUID> tasks = executions.stream().map(ReviewTasks::awaitTask).toList();
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        List<TaskExpiry.Due> found = expiry.due(clock.instant(), TaskUpkeep.BATCH).stream()
                .filter(due -> tasks.contains(due.taskId()))
                .toList();
        assertThat(found).extracting(TaskExpiry.Due::taskId).containsExactlyInAnyOrderElementsOf(tasks);

        // The middle task changes under the round: its execution ends after the sweep found it.
        QuarkusTransaction.requiringNew().run(() -> lifecycle.cancel(tasks.get(1), "The execution ended (test)"));
        upkeep.closeUndecided(found);

        assertThat(statusOf(tasks.get(0))).isEqualTo(TaskStatus.EXPIRED);
        assertThat(statusOf(tasks.get(1))).isEqualTo(TaskStatus.CANCELLED);
        assertThat(statusOf(tasks.get(2))).isEqualTo(TaskStatus.EXPIRED);
        assertThat(awaitClosed(executions.get(0)).error()).isEqualTo("Signoff.Expired");
        assertThat(awaitClosed(executions.get(2)).error()).isEqualTo("Signoff.Expired");
        assertThat(appliedCallbacks(executions.get(0))).isEqualTo(1);
        assertThat(appliedCallbacks(executions.get(1)))
                .as("a cancelled review sends nothing")
                .isZero();
        assertThat(appliedCallbacks(executions.get(2))).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxEntry.count("taskId", tasks.get(1))))
                .isZero();
    }

    @Test
    void a_decision_after_the_review_closed_is_refused_even_before_the_upkeep_round() {
        Instant expiresAt = clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        StartedExecution execution =
                Workflows.start(sqs, queueUrl, 3600, body -> body.put("expiresAt", expiresAt.toString()));
        UUID taskId = awaitTask(execution);
        clock.advance(Duration.ofMinutes(30));

        Response late = ReviewTasks.approve(taskId);

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.jsonPath().getString("detail")).contains("The review closed at " + expiresAt);
        assertThat(statusOf(taskId)).as("the upkeep round has not run yet").isEqualTo(TaskStatus.PENDING);
        upkeep.closeUndecided();
        assertThat(awaitClosed(execution).error()).isEqualTo("Signoff.Expired");
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    private static OutboxEntry.Status outboxStatus(UUID taskId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> OutboxEntry.<OutboxEntry>find("taskId", taskId)
                        .firstResultOptional()
                        .map(e -> e.status)
                        .orElse(null));
    }

    private static String page(UUID taskId) {
        return given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/tasks/" + taskId)
                .asString();
    }
}
