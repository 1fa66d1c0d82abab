package dev.signoff.admin;

import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.appliedCallbacks;
import static dev.signoff.testsupport.ReviewTasks.awaitClosed;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static dev.signoff.testsupport.ReviewTasks.inboxJson;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.audit.AuditEvent;
import dev.signoff.decision.OutboxEntry;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.MutableClock;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The Admin section of a waiting task: reassign, change when it closes, cancel (Signoff.Cancelled, once). */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class TaskActionsTest {

    private static final DateTimeFormatter FIELD =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    private final MutableClock clock = StepFunctionsTestResource.clock();

    @Test
    void cancel_fails_the_execution_once_with_signoff_cancelled_and_the_admins_reason() throws Exception {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);

        Response cancelled = post("admin", taskId, "cancel", Map.of("reason", "duplicate of INV-4710"));

        assertThat(cancelled.statusCode()).isEqualTo(303);
        assertThat(cancelled.header("Location")).endsWith("/tasks/" + taskId + "?done=cancelled#admin");
        ExecutionSnapshot closed = awaitClosed(execution);
        assertThat(closed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(closed.error()).isEqualTo("Signoff.Cancelled");
        JsonNode cause = Workflows.JSON.readTree(closed.cause());
        assertThat(cause.get("decision").textValue()).isEqualTo("cancelled");
        assertThat(cause.get("reason").textValue()).isEqualTo("duplicate of INV-4710");
        assertThat(cause.get("cancelledBy").get("id").textValue()).isEqualTo("admin");
        assertThat(cause.get("cancelledBy").get("name").textValue()).isEqualTo("Ada Admin");
        assertThat(cause.get("taskId").textValue()).isEqualTo(taskId.toString());
        assertThat(cause.get("deliveryId").textValue()).isNotBlank();
        await().until(() -> outboxOf(taskId).status == OutboxEntry.Status.DELIVERED);
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.CANCELLED);
        assertThat(events(taskId, "TASK_CANCELLED")).singleElement().satisfies(e -> {
            assertThat(e.actor).isEqualTo("admin");
            assertThat(e.detail).contains("duplicate of INV-4710");
        });
        assertThat(inboxJson("reviewer")).doesNotContain(taskId.toString());
        assertThat(page("admin", taskId))
                .contains("Delivered: the workflow received Signoff.Cancelled")
                .doesNotContain("id=\"cancel-form\"");

        assertThat(post("admin", taskId, "cancel", Map.of("reason", "again")).statusCode())
                .as("a second press finds the review closed")
                .isEqualTo(409);
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(409);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxEntry.count("taskId", taskId)))
                .isEqualTo(1);
    }

    @Test
    void cancel_racing_a_decision_gives_each_workflow_exactly_one_answer() throws Exception {
        List<StartedExecution> executions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            executions.add(Workflows.start(sqs, queueUrl, 3600));
        }
        List<UUID> tasks = executions.stream().map(e -> awaitTask(e)).toList();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size() * 2);
        try {
            List<Future<Integer>> decisions = new ArrayList<>();
            List<Future<Integer>> cancels = new ArrayList<>();
            for (UUID taskId : tasks) {
                decisions.add(pool.submit(() -> {
                    go.await();
                    return decide("reviewer", taskId, "approve").statusCode();
                }));
                cancels.add(pool.submit(() -> {
                    go.await();
                    return post("admin", taskId, "cancel", Map.of("reason", "race"))
                            .statusCode();
                }));
            }
            go.countDown();
            for (int i = 0; i < tasks.size(); i++) {
                int decided = decisions.get(i).get();
                int cancel = cancels.get(i).get();
                ExecutionSnapshot closed = awaitClosed(executions.get(i));
                if (decided == 200) {
                    assertThat(cancel).isEqualTo(409);
                    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                } else {
                    assertThat(decided).isEqualTo(409);
                    assertThat(cancel).isEqualTo(303);
                    assertThat(closed.error()).isEqualTo("Signoff.Cancelled");
                    assertThat(statusOf(tasks.get(i))).isEqualTo(TaskStatus.CANCELLED);
                }
                assertThat(appliedCallbacks(executions.get(i))).isEqualTo(1);
                UUID taskId = tasks.get(i);
                assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxEntry.count("taskId", taskId)))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void reassign_replaces_who_may_decide_at_once_and_releases_the_claim_of_someone_removed() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        assertThat(claim("reviewer2", taskId).statusCode()).isEqualTo(303);
        assertThat(inboxJson("reviewer2")).contains(taskId.toString());

        assertThat(post("admin", taskId, "reassign", Map.of("groups", "research-leads", "reason", ""))
                        .statusCode())
                .as("a reason is required")
                .isEqualTo(422);
        assertThat(post("admin", taskId, "reassign", Map.of("groups", " \n ", "users", "", "reason", "x"))
                        .statusCode())
                .as("nobody could decide it")
                .isEqualTo(422);
        Response done = post(
                "admin", taskId, "reassign", Map.of("groups", "research-leads\n", "users", "", "reason", "VAT team"));

        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(inboxJson("reviewer2")).doesNotContain(taskId.toString());
        assertThat(given().auth()
                        .preemptive()
                        .basic("reviewer2", "reviewer2")
                        .get("/tasks/" + taskId)
                        .statusCode())
                .isEqualTo(404);
        assertThat(decide("reviewer2", taskId, "approve").statusCode()).isIn(403, 404);
        assertThat(page("admin", taskId))
                .contains("group research-leads")
                .doesNotContain("Sam Second</strong> is on it");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> ReviewTask.<ReviewTask>findById(taskId).claimedBy()))
                .isNull();
        assertThat(events(taskId, "REASSIGNED")).singleElement().satisfies(e -> {
            assertThat(e.actor).isEqualTo("admin");
            assertThat(e.detail).isEqualTo("from group finance-reviewers to group research-leads: VAT team");
        });
        assertThat(events(taskId, "RELEASED")).singleElement().satisfies(e -> {
            assertThat(e.actor).isEqualTo("admin");
            assertThat(e.detail).contains("Sam Second").contains("reassigned");
        });
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);
        assertThat(awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void change_expiry_moves_the_window_within_the_timeout_and_audits_old_and_new() {
        Instant timeoutAt = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        StartedExecution execution = Workflows.start(sqs, queueUrl, 7200, body -> {
            body.put("timeoutAt", timeoutAt.toString());
            body.put("expiresAt", expiresAt.toString());
        });
        UUID taskId = awaitTask(execution);

        Response late = post(
                "admin",
                taskId,
                "expiry",
                Map.of("expiresAt", FIELD.format(timeoutAt.plus(Duration.ofMinutes(5))), "reason", "more time"));
        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(late.asString()).contains("Step Functions stops waiting");
        Response past = post(
                "admin",
                taskId,
                "expiry",
                Map.of("expiresAt", FIELD.format(clock.instant().minus(Duration.ofMinutes(5))), "reason", "x"));
        assertThat(past.statusCode()).isEqualTo(422);
        assertThat(post("admin", taskId, "expiry", Map.of("expiresAt", "tomorrow", "reason", "x"))
                        .statusCode())
                .isEqualTo(422);

        Instant sooner = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        Response done =
                post("admin", taskId, "expiry", Map.of("expiresAt", FIELD.format(sooner), "reason", "month end"));

        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ReviewTask.<ReviewTask>findById(taskId).expiresAt))
                .isEqualTo(sooner);
        assertThat(events(taskId, "EXPIRY_CHANGED"))
                .singleElement()
                .satisfies(e -> assertThat(e.detail).isEqualTo("from " + expiresAt + " to " + sooner + ": month end"));
        clock.advance(Duration.ofMinutes(11));
        assertThat(decide("reviewer", taskId, "approve").statusCode())
                .as("the review closed at the new time")
                .isEqualTo(409);
        assertThat(statusOf(taskId)).isIn(TaskStatus.PENDING, TaskStatus.EXPIRED);
    }

    @Test
    void a_reviewer_gets_403_on_each_task_action_and_changes_nothing() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);

        assertThat(post("reviewer", taskId, "cancel", Map.of("reason", "x")).statusCode())
                .isEqualTo(403);
        assertThat(post("reviewer", taskId, "reassign", Map.of("groups", "marketing", "reason", "x"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("reviewer", taskId, "expiry", Map.of("expiresAt", "2099-01-01T00:00", "reason", "x"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(page("reviewer", taskId)).doesNotContain("id=\"admin\"");

        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(inboxJson("reviewer")).contains(taskId.toString());
        assertThat(QuarkusTransaction.requiringNew().call(() -> ReviewTask.<ReviewTask>findById(taskId).expiresAt))
                .isNull();
        assertThat(appliedCallbacks(execution)).isZero();
    }

    private static Response post(String user, UUID taskId, String action, Map<String, String> form) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .redirects()
                .follow(false)
                .formParams(form)
                .post("/tasks/" + taskId + "/admin/" + action);
    }

    private static Response claim(String user, UUID taskId) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .redirects()
                .follow(false)
                .post("/tasks/" + taskId + "/claim");
    }

    private static String page(String user, UUID taskId) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .get("/tasks/" + taskId)
                .asString();
    }

    private static OutboxEntry outboxOf(UUID taskId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> OutboxEntry.<OutboxEntry>find("taskId", taskId).singleResult());
    }

    private static List<AuditEvent> events(UUID taskId, String type) {
        return QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.<AuditEvent>list("taskId = ?1 and type = ?2", taskId, type));
    }
}
