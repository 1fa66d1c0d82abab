package dev.signoff.intake;

import static dev.signoff.testsupport.Patience.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.audit.AuditEvent;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.Fault;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.TaskContext;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Step Functions "Execution Status Change" events, put on the events queue with the real SqsClient exactly as an
 * EventBridge rule target does, against real PostgreSQL, ElasticMQ and the Step Functions stand-in.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ExecutionEventsTest {

    @Inject
    SqsClient sqs;

    @Inject
    SfnClient sfn;

    @Inject
    ExecutionEnds ends;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.intake.execution-events-queue-url")
    String eventsQueueUrl;

    @AfterEach
    void clearFaults() {
        StepFunctionsTestResource.standIn().clearFaults();
    }

    @Test
    void an_aborted_execution_cancels_its_open_review_which_leaves_the_inbox_and_refuses_a_decision() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);
        sfn.stopExecution(r -> r.executionArn(execution.executionArn()));
        Instant stopped = StepFunctionsTestResource.clock().instant();

        sendEvent("aborted", execution.executionArn(), stopped);

        await().until(() -> ReviewTasks.statusOf(taskId) == TaskStatus.CANCELLED);
        ReviewTask task = task(taskId);
        assertThat(task.statusReason())
                .isEqualTo("The execution ended (ABORTED at " + Instant.ofEpochMilli(stopped.toEpochMilli())
                        + ") before anyone decided");
        assertThat(task.closedAt()).isNotNull();
        assertThat(auditTypes(taskId)).containsExactly("TASK_OPENED", "TASK_CANCELLED");
        assertThat(ReviewTasks.inboxJson("reviewer")).doesNotContain(taskId.toString());

        Response refused = ReviewTasks.approve(taskId);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.jsonPath().getString("detail"))
                .isEqualTo("This review is cancelled and no longer accepts a decision: " + task.statusReason());
        String page = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/tasks/" + taskId)
                .asString();
        assertThat(page)
                .contains("Cancelled")
                .contains("before anyone decided")
                .contains("<td>Cancelled")
                .contains("id=\"read-only\"", "Nothing can be decided any more")
                .doesNotContain("Submit decision")
                .doesNotContain("id=\"decision-form\"");
        String inboxPage = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/inbox?view=decided")
                .asString();
        assertThat(inboxPage).contains(taskId.toString());
        assertThat(ReviewTasks.callbacksFor(execution)).isEmpty();
    }

    @Test
    void the_same_end_event_delivered_twice_cancels_once() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);
        String event = event(
                "failed",
                execution.executionArn(),
                StepFunctionsTestResource.clock().instant());

        sqs.sendMessage(r -> r.queueUrl(eventsQueueUrl).messageBody(event));
        await().until(() -> ReviewTasks.statusOf(taskId) == TaskStatus.CANCELLED);
        Instant closedAt = task(taskId).closedAt();
        sqs.sendMessage(r -> r.queueUrl(eventsQueueUrl).messageBody(event));

        await().until(() -> queueIsEmpty(eventsQueueUrl));
        assertThat(task(taskId).closedAt()).isEqualTo(closedAt);
        assertThat(auditTypes(taskId)).containsExactly("TASK_OPENED", "TASK_CANCELLED");
    }

    @Test
    void an_end_event_that_overtakes_the_request_cancels_it_on_arrival_unless_the_request_came_from_a_redrive() {
        String executionArn =
                "arn:aws:states:us-east-1:123456789012:execution:invoice-processing:overtaken-" + UUID.randomUUID();
        Instant stopped = StepFunctionsTestResource.clock()
                .instant()
                .minus(Duration.ofMinutes(10))
                .truncatedTo(ChronoUnit.MILLIS);
        sendEvent("timed-out", executionArn, stopped);
        await().until(() -> ended(executionArn) != null);
        assertThat(ended(executionArn).status).isEqualTo("TIMED_OUT");
        assertThat(ended(executionArn).stopDate).isEqualTo(stopped);

        // The request its first run sent before timing out, delivered late: stored already cancelled.
        Workflows.start(sqs, queueUrl, 3600, body -> runOf(body, executionArn, stopped.minusSeconds(300)));
        await().until(() -> IntakeFlowTest.tasksOf(executionArn).size() == 1);
        ReviewTask late = IntakeFlowTest.tasksOf(executionArn).get(0);
        assertThat(late.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(late.statusReason()).contains("TIMED_OUT at " + stopped);

        // After a redrive the same execution re-enters the review state with a new token, after the stop.
        Workflows.start(sqs, queueUrl, 3600, body -> runOf(body, executionArn, stopped.plusSeconds(60)));
        // Without enteredAt nobody can tell which run sent it, so it is not cancelled on arrival.
        Workflows.start(sqs, queueUrl, 3600, body -> {
            runOf(body, executionArn, null);
            body.remove("enteredAt");
        });
        await().until(() -> IntakeFlowTest.tasksOf(executionArn).size() == 3);
        assertThat(IntakeFlowTest.tasksOf(executionArn))
                .filteredOn(t -> t.status() == TaskStatus.PENDING)
                .hasSize(2);
        assertThat(ReviewTasks.inboxJson("reviewer")).doesNotContain(late.id.toString());
    }

    @Test
    void a_stale_end_event_arriving_after_a_redrive_leaves_the_new_review_open() {
        String executionArn =
                "arn:aws:states:us-east-1:123456789012:execution:invoice-processing:redriven-" + UUID.randomUUID();
        Instant firstStop = StepFunctionsTestResource.clock()
                .instant()
                .minus(Duration.ofMinutes(10))
                .truncatedTo(ChronoUnit.MILLIS);
        Workflows.start(sqs, queueUrl, 3600, body -> runOf(body, executionArn, firstStop.plusSeconds(60)));
        await().until(() -> IntakeFlowTest.tasksOf(executionArn).size() == 1);

        sendEvent("failed", executionArn, firstStop);

        await().until(() -> ended(executionArn) != null && queueIsEmpty(eventsQueueUrl));
        assertThat(IntakeFlowTest.tasksOf(executionArn).get(0).status()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void a_review_stored_while_its_end_event_was_applied_is_cancelled_by_the_next_sweep() {
        // Both transactions committed without seeing each other: the end is recorded, the review is still open.
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);
        Instant stopped = StepFunctionsTestResource.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        QuarkusTransaction.requiringNew().run(() -> {
            EndedExecution ended = new EndedExecution();
            ended.executionArn = execution.executionArn();
            ended.status = "ABORTED";
            ended.stopDate = stopped;
            ended.eventId = UUID.randomUUID().toString();
            ended.receivedAt = StepFunctionsTestResource.clock().instant();
            ended.persist();
        });

        ends.sweep();

        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.CANCELLED);
        assertThat(task(taskId).statusReason()).contains("ABORTED at " + stopped);
    }

    @Test
    void ends_older_than_any_request_still_on_the_queue_are_forgotten_and_recent_ones_kept() {
        Instant now = StepFunctionsTestResource.clock().instant();
        String old = "arn:aws:states:us-east-1:123456789012:execution:invoice-processing:old-" + UUID.randomUUID();
        String recent =
                "arn:aws:states:us-east-1:123456789012:execution:invoice-processing:recent-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String arn : new String[] {old, recent}) {
                EndedExecution ended = new EndedExecution();
                ended.executionArn = arn;
                ended.status = "SUCCEEDED";
                ended.stopDate = arn.equals(old)
                        ? now.minus(ExecutionEnds.KEEP_ENDS).minusSeconds(60)
                        : now.minus(ExecutionEnds.KEEP_ENDS).plusSeconds(3600);
                ended.eventId = UUID.randomUUID().toString();
                ended.receivedAt = now;
                ended.persist();
            }
        });

        ends.prune();

        assertThat(ended(old)).isNull();
        assertThat(ended(recent)).isNotNull();
    }

    @Test
    void a_decided_review_is_left_to_its_callback_when_the_execution_ends() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);
        // Step Functions is slow to take the callback, so the task stays DECIDED while the end event arrives.
        StepFunctionsTestResource.standIn().injectFault("SendTaskSuccess", Fault.throttling(1000));
        assertThat(given().auth()
                        .preemptive()
                        .basic("reviewer", "reviewer")
                        .contentType(ContentType.JSON)
                        .body(Map.of("decision", "approve"))
                        .post("/api/tasks/" + taskId + "/decision")
                        .statusCode())
                .isEqualTo(200);

        sendEvent(
                "aborted",
                execution.executionArn(),
                StepFunctionsTestResource.clock().instant());

        await().until(() -> ended(execution.executionArn()) != null && queueIsEmpty(eventsQueueUrl));
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.DECIDED);
        assertThat(auditTypes(taskId)).doesNotContain("TASK_CANCELLED");
    }

    @Test
    void a_running_event_and_an_event_from_another_service_are_deleted_without_effect() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);
        String running = event("running", execution.executionArn(), null);
        String ec2 = """
                {"version":"0","id":"%s","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2",\
                "account":"123456789012","time":"2026-12-01T09:15:42Z","region":"us-east-1",\
                "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"],\
                "detail":{"instance-id":"i-0abc","state":"stopped"}}""".formatted(UUID.randomUUID());

        sqs.sendMessage(r -> r.queueUrl(eventsQueueUrl).messageBody(running));
        sqs.sendMessage(r -> r.queueUrl(eventsQueueUrl).messageBody(ec2));

        await().until(() -> queueIsEmpty(eventsQueueUrl));
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(ended(execution.executionArn())).isNull();
        assertThat(Workflows.execution(execution.executionArn()).status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void a_message_that_is_not_an_event_is_left_for_the_dead_letter_queue() {
        String garbage = "not an event " + UUID.randomUUID();
        // A review request sent to the wrong queue must not be lost either.
        String misrouted = Workflows.request(new TaskContext(
                        "token-" + UUID.randomUUID(),
                        "arn:aws:states:us-east-1:123456789012:execution:invoice-processing:misrouted",
                        "arn:aws:states:us-east-1:123456789012:stateMachine:invoice-processing",
                        "HumanReview",
                        StepFunctionsTestResource.clock().instant()))
                .toString();

        sqs.sendMessage(r -> r.queueUrl(eventsQueueUrl).messageBody(garbage));
        sqs.sendMessage(r -> r.queueUrl(eventsQueueUrl).messageBody(misrouted));

        String deadLetters = sqs.getQueueUrl(r -> r.queueName(ElasticMqTestResource.EVENTS_DEAD_LETTER_QUEUE))
                .queueUrl();
        await().until(() -> deadLetterBodies(deadLetters).containsAll(List.of(garbage, misrouted)));
    }

    private void runOf(ObjectNode body, String executionArn, Instant enteredAt) {
        body.put("executionArn", executionArn);
        if (enteredAt != null) {
            body.put("enteredAt", enteredAt.toString());
        }
    }

    private void sendEvent(String fixture, String executionArn, Instant stopDate) {
        String body = event(fixture, executionArn, stopDate);
        sqs.sendMessage(r -> r.queueUrl(eventsQueueUrl).messageBody(body));
    }

    /** The fixture in src/test/resources/events/, made about this execution and stop. */
    static String event(String fixture, String executionArn, Instant stopDate) {
        try (InputStream in = ExecutionEventsTest.class.getResourceAsStream("/events/" + fixture + ".json")) {
            ObjectNode event = (ObjectNode) Workflows.JSON.readTree(in);
            event.put("id", UUID.randomUUID().toString());
            event.putArray("resources").add(executionArn);
            ObjectNode detail = (ObjectNode) event.get("detail");
            detail.put("executionArn", executionArn);
            detail.put("name", executionArn.substring(executionArn.lastIndexOf(':') + 1));
            if (stopDate != null) {
                event.put("time", stopDate.truncatedTo(ChronoUnit.SECONDS).toString());
                detail.put("stopDate", stopDate.toEpochMilli());
            }
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReviewTask task(UUID taskId) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewTask.findById(taskId));
    }

    private static EndedExecution ended(String executionArn) {
        return QuarkusTransaction.requiringNew().call(() -> EndedExecution.findById(executionArn));
    }

    private static List<String> auditTypes(UUID taskId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.forTask(taskId).stream().map(e -> e.type).toList());
    }

    private boolean queueIsEmpty(String url) {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNamesWithStrings(
                                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return "0".equals(attributes.get("ApproximateNumberOfMessages"))
                && "0".equals(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    private List<String> deadLetterBodies(String url) {
        return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0)).messages().stream()
                .map(m -> m.body())
                .toList();
    }
}
