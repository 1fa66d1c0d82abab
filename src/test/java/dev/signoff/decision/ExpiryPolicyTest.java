package dev.signoff.decision;

import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.appliedCallbacks;
import static dev.signoff.testsupport.ReviewTasks.awaitClosed;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.audit.AuditEvent;
import dev.signoff.review.ReviewTask;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** onExpiry: escalate once then fail, or keep waiting; never an approval. The test config escalates to "escalations". */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ExpiryPolicyTest {

    private static final long THREE_DAYS = Duration.ofDays(3).toSeconds();

    @Inject
    SqsClient sqs;

    @Inject
    TaskUpkeep upkeep;

    private final MutableClock clock = StepFunctionsTestResource.clock();

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void escalate_reassigns_once_with_a_new_window_and_then_fails_with_signoff_expired() throws Exception {
        Instant expiresAt = clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        StartedExecution execution = Workflows.start(
                sqs,
                queueUrl,
                THREE_DAYS,
                body -> body.put("expiresAt", expiresAt.toString()).put("onExpiry", "escalate"));
        UUID taskId = awaitTask(execution);
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));

        Instant before = clock.instant();
        upkeep.closeUndecided();
        upkeep.closeUndecided();

        ReviewTask escalated = task(taskId);
        assertThat(escalated.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(escalated.expiresAt)
                .isBetween(
                        before.plus(Duration.ofHours(24)).minusMillis(1),
                        clock.instant().plus(Duration.ofHours(24)));
        assertThat(escalated.escalatedAt()).isPresent();
        assertThat(history(taskId)).filteredOn(e -> e.type.equals("ESCALATED")).hasSize(1);
        assertThat(appliedCallbacks(execution)).as("escalating sends nothing").isZero();
        assertThat(Workflows.execution(execution.executionArn()).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(ReviewTasks.decide("reviewer", taskId, "approve").statusCode())
                .as("finance-reviewers no longer see it, let alone decide it")
                .isEqualTo(404);
        assertThat(ReviewTasks.inboxJson("reviewer2")).contains(taskId.toString());

        Instant secondWindow = escalated.expiresAt;
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        upkeep.closeUndecided();

        ExecutionSnapshot closed = awaitClosed(execution);
        assertThat(closed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(closed.error()).isEqualTo("Signoff.Expired");
        JsonNode cause = Workflows.JSON.readTree(closed.cause());
        assertThat(Instant.parse(cause.get("expiresAt").textValue())).isEqualTo(secondWindow);
        await().until(() -> statusOf(taskId) == TaskStatus.EXPIRED);
        assertThat(task(taskId).statusReason()).contains("also after its escalation");
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void an_escalation_never_reaches_past_the_workflows_own_timeout() {
        Instant expiresAt = clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        Instant timeoutAt = expiresAt.plus(Duration.ofHours(2));
        StartedExecution execution = Workflows.start(
                sqs,
                queueUrl,
                THREE_DAYS,
                body -> body.put("expiresAt", expiresAt.toString())
                        .put("timeoutAt", timeoutAt.toString())
                        .put("onExpiry", "escalate"));
        UUID taskId = awaitTask(execution);
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));

        upkeep.closeUndecided();

        assertThat(task(taskId).expiresAt).isEqualTo(timeoutAt);
        assertThat(task(taskId).status()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void notify_keeps_the_review_waiting_past_its_window_and_it_still_takes_a_decision() {
        Instant expiresAt = clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        StartedExecution execution = Workflows.start(
                sqs,
                queueUrl,
                THREE_DAYS,
                body -> body.put("expiresAt", expiresAt.toString()).put("onExpiry", "notify"));
        UUID taskId = awaitTask(execution);
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));

        upkeep.closeUndecided();
        upkeep.closeUndecided();

        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(history(taskId))
                .filteredOn(e -> e.type.equals("WINDOW_PASSED"))
                .hasSize(1);
        assertThat(ReviewTasks.approve(taskId).statusCode()).isEqualTo(200);
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);
        assertThat(awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void a_request_naming_no_policy_gets_the_configured_default_and_the_api_says_which() {
        Instant expiresAt = clock.instant().plus(Duration.ofMinutes(30));
        StartedExecution execution =
                Workflows.start(sqs, queueUrl, 3600, body -> body.put("expiresAt", expiresAt.toString()));
        UUID taskId = awaitTask(execution);

        assertThat(task(taskId).onExpiry().map(Enum::name)).contains("FAIL");
        assertThat(given().auth()
                        .preemptive()
                        .basic("reviewer", "reviewer")
                        .get("/api/tasks/" + taskId)
                        .jsonPath()
                        .getString("onExpiry"))
                .isEqualTo("fail");
    }

    private static ReviewTask task(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewTask.<ReviewTask>findById(id));
    }

    private static List<AuditEvent> history(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.forTask(id));
    }
}
