package dev.signoff.intake;

import static dev.signoff.testsupport.Patience.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.audit.AuditEvent;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Redrives;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A redriven execution re-enters its review state with a new token: the new review supersedes the earlier one. The
 * first request of each case comes from an execution of the Step Functions stand-in; the redriven run's request is
 * sent to the real queue as Step Functions would send it (the stand-in does not redrive).
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class RedriveTest {

    @Inject
    SqsClient sqs;

    @Inject
    SfnClient sfn;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.intake.execution-events-queue-url")
    String eventsQueueUrl;

    @Test
    void a_request_with_a_higher_redrive_count_supersedes_the_open_review_and_tells_who_claimed_it() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> body.put("redriveCount", 0));
        UUID first = ReviewTasks.awaitTask(execution);
        given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .post("/api/tasks/" + first + "/claim")
                .then()
                .statusCode(200);
        // Stopped with the events queue unread here: only the redrive can tell Signoff the old token is dead.
        sfn.stopExecution(r -> r.executionArn(execution.executionArn()).error("States.TaskFailed"));

        UUID second = sendAgain(execution, body -> body.put("redriveCount", 1));

        ReviewTask old = task(first);
        assertThat(old.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(old.statusReason()).contains("redriven");
        assertThat(old.supersededBy()).contains(second);
        assertThat(task(second).supersedes()).contains(first);
        assertThat(task(second).status()).isEqualTo(TaskStatus.PENDING);
        assertThat(history(first)).anySatisfy(e -> {
            assertThat(e.type).isEqualTo("SUPERSEDED");
            assertThat(e.detail).contains(second.toString()).contains("claimed by");
        });
        assertThat(history(second)).anySatisfy(e -> assertThat(e.type).isEqualTo("SUPERSEDES"));

        String oldPage = page(first);
        assertThat(oldPage).contains("id=\"superseded-by\"").contains("href=\"/tasks/" + second + "\"");
        assertThat(page(second)).contains("id=\"supersedes\"").contains("href=\"/tasks/" + first + "\"");
        given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/api/tasks/" + second)
                .then()
                .statusCode(200)
                .body("supersedes", equalTo(first.toString()))
                .body("supersededBy", nullValue());
    }

    @Test
    void reviews_of_one_state_with_the_same_redrive_count_stand_side_by_side() {
        // A Map state asking several approvers, or a loop back into the same state: no redrive in between.
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> body.put("redriveCount", 0));
        UUID first = ReviewTasks.awaitTask(execution);

        UUID sibling = sendAgain(execution, body -> body.put("redriveCount", 0));
        UUID withoutCount = sendAgain(execution, body -> body.remove("redriveCount"));

        assertThat(List.of(first, sibling, withoutCount)).allSatisfy(id -> {
            assertThat(task(id).status()).isEqualTo(TaskStatus.PENDING);
            assertThat(task(id).supersedes()).isEmpty();
            assertThat(task(id).supersededBy()).isEmpty();
        });
    }

    @Test
    void a_request_that_entered_after_the_recorded_stop_supersedes_the_review_of_the_run_that_ended() throws Exception {
        StartedExecution execution;
        UUID first;
        try (AutoCloseable rule = StepFunctionsTestResource.forwardStatusChanges(
                event -> sqs.sendMessage(r -> r.queueUrl(eventsQueueUrl).messageBody(event)))) {
            execution = Workflows.start(sqs, queueUrl, 3600);
            first = ReviewTasks.awaitTask(execution);
            sfn.stopExecution(r -> r.executionArn(execution.executionArn()).error("States.TaskFailed"));
            UUID cancelled = first;
            await().until(() -> ReviewTasks.statusOf(cancelled) == TaskStatus.CANCELLED);
        }
        String endReason = task(first).statusReason();

        UUID second = sendAgain(execution, body -> {});

        assertThat(task(first).supersededBy()).contains(second);
        assertThat(task(first).statusReason()).isEqualTo(endReason);
        assertThat(task(second).supersedes()).contains(first);
        assertThat(task(second).status()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void an_approved_and_delivered_review_is_never_superseded() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> body.put("redriveCount", 0));
        UUID approved = ReviewTasks.awaitTask(execution);
        ReviewTasks.approve(approved).then().statusCode(200);
        await().until(() -> ReviewTasks.statusOf(approved) == TaskStatus.DELIVERED);

        // A redrive re-runs only what failed: a sibling iteration of the same Map state asks again.
        UUID sibling = sendAgain(execution, body -> body.put("redriveCount", 1));

        assertThat(task(approved).supersededBy()).isEmpty();
        assertThat(task(sibling).supersedes()).isEmpty();
    }

    private UUID sendAgain(StartedExecution execution, Consumer<ObjectNode> customize) {
        return Redrives.askAgain(sqs, queueUrl, execution, customize);
    }

    private static ReviewTask task(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewTask.<ReviewTask>findById(id));
    }

    private static List<AuditEvent> history(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.forTask(id));
    }

    private static String page(UUID id) {
        return given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/tasks/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
