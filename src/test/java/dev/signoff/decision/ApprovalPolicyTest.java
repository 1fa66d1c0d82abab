package dev.signoff.decision;

import static dev.signoff.testsupport.ReviewTasks.awaitClosed;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.callbacksFor;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.audit.AuditEvent;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.CallRecord;
import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * N-of-M approvals end to end, against the Step Functions stand-in: nothing is sent until the policy is met, then
 * exactly one SendTaskSuccess listing every approver; a reject ends it at once; nobody counts twice or out of turn.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ApprovalPolicyTest {

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void first_of_two_approvals_sends_nothing_and_the_second_sends_one_success_listing_both() throws Exception {
        StartedExecution execution = start(body -> policy(body, 2));
        UUID taskId = awaitTask(execution);

        Response first = decide("reviewer", taskId, "approve");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.jsonPath().getString("status")).isEqualTo("waiting_for_approvals");
        assertThat(first.jsonPath().getInt("approvals.count")).isEqualTo(1);
        assertThat(first.jsonPath().getList("approvals.approvals.reviewerId")).containsExactly("reviewer");
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(queuedCallbacks(taskId)).as("no callback is queued").isZero();
        assertThat(successes(execution)).isEmpty();
        assertThat(as("reviewer2").get("/api/tasks/" + taskId).jsonPath().getString("approvals.required"))
                .isEqualTo("2");
        assertThat(ReviewTasks.inboxJson("reviewer2")).contains("\"approvalsCount\":1", "\"approvalsRequired\":2");

        Response second = decide("reviewer2", taskId, "approve");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.jsonPath().getString("reviewerId")).isEqualTo("reviewer2");

        ExecutionSnapshot closed = awaitClosed(execution);
        assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Workflows.JSON.readTree(closed.output());
        assertThat(output.get("decision").asText()).isEqualTo("approved");
        assertThat(output.get("reviewer").get("id").asText()).isEqualTo("reviewer2");
        assertThat(output.get("approvals").findValuesAsText("id")).containsExactly("reviewer", "reviewer2");
        assertThat(output.get("approvals").get(0).get("approvedAt").asText()).endsWith("Z");
        assertThat(successes(execution)).hasSize(1);
        assertThat(auditTypes(taskId)).contains("APPROVAL", "DECIDED");
    }

    @Test
    void the_same_person_approving_twice_is_refused_and_counts_once() {
        StartedExecution execution = start(body -> policy(body, 2));
        UUID taskId = awaitTask(execution);
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(202);

        Response again = decide("reviewer", taskId, "approve");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.jsonPath().getString("reason")).isEqualTo("ALREADY_APPROVED");
        assertThat(again.jsonPath().getString("detail"))
                .startsWith("You already approved this review at")
                .contains("1 of 2 approvals", "still needed: 1 more approval", "The same person never counts twice");
        Response resubmitted = decide("reviewer", taskId, Map.of("decision", "approve", "idempotencyKey", "k-1"));
        assertThat(resubmitted.statusCode()).isEqualTo(409);
        Response page = as("reviewer").get("/tasks/" + taskId);
        assertThat(page.asString())
                .contains("You approved this review at", "1 of 2 approvals")
                .doesNotContain("id=\"decision-form\"");
        assertThat(as("reviewer").get("/api/tasks/" + taskId).jsonPath().getBoolean("canDecide"))
                .isFalse();
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(successes(execution)).isEmpty();
    }

    @Test
    void a_double_click_on_an_approval_returns_the_same_answer() {
        StartedExecution execution = start(body -> policy(body, 2));
        UUID taskId = awaitTask(execution);
        Map<String, String> body = Map.of("decision", "approve", "idempotencyKey", "one-click");

        assertThat(decide("reviewer", taskId, body).statusCode()).isEqualTo(202);
        Response repeated = decide("reviewer", taskId, body);

        assertThat(repeated.statusCode()).isEqualTo(202);
        assertThat(repeated.jsonPath().getInt("approvals.count")).isEqualTo(1);
    }

    @Test
    void a_reject_after_one_approval_ends_the_review_with_one_failure() {
        StartedExecution execution = start(body -> policy(body, 2));
        UUID taskId = awaitTask(execution);
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(202);

        assertThat(decide("reviewer2", taskId, "reject").statusCode()).isEqualTo(200);

        assertThat(awaitClosed(execution).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(callbacks(execution, "SendTaskFailure")).hasSize(1);
        assertThat(successes(execution)).isEmpty();
        assertThat(decide("reviewer2", taskId, "approve").statusCode()).isEqualTo(409);
    }

    @Test
    void two_approvers_racing_for_the_last_slot_send_one_callback() throws Exception {
        StartedExecution execution = start(body -> {
            policy(body, 2);
            ((ObjectNode) body.get("assignees"))
                    .putArray("groups")
                    .add("finance-reviewers")
                    .add("research-leads");
        });
        UUID taskId = awaitTask(execution);
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(202);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Response> reviewer2 = pool.submit(racer(go, "reviewer2", taskId));
            Future<Response> admin = pool.submit(racer(go, "admin", taskId));
            go.countDown();
            List<Integer> statuses =
                    List.of(reviewer2.get().statusCode(), admin.get().statusCode());

            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Workflows.JSON.readTree(awaitClosed(execution).output());
        assertThat(output.get("approvals")).hasSize(2);
        assertThat(successes(execution)).hasSize(1);
    }

    @Test
    void the_requester_never_counts_toward_the_policy() {
        StartedExecution execution = start(body -> {
            policy(body, 2);
            body.put("requestedBy", "reviewer");
            ((ObjectNode) body.get("assignees"))
                    .putArray("groups")
                    .add("finance-reviewers")
                    .add("research-leads");
        });
        UUID taskId = awaitTask(execution);

        Response refused = decide("reviewer", taskId, "approve");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.jsonPath().getString("reason")).isEqualTo("REQUESTER");
        Response first = decide("reviewer2", taskId, "approve");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.jsonPath().getList("approvals.approvals.reviewerId")).containsExactly("reviewer2");

        assertThat(decide("admin", taskId, "approve").statusCode()).isEqualTo(200);
        assertThat(awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void distinct_groups_need_an_approver_from_each_whatever_the_count() throws Exception {
        StartedExecution execution = start(body -> {
            ObjectNode approval = body.putObject("approval").put("required", 2);
            approval.putArray("distinctGroups").add("research-leads").add("escalations");
            ((ObjectNode) body.get("assignees"))
                    .putArray("groups")
                    .add("research-leads")
                    .add("escalations")
                    .add("triage");
        });
        UUID taskId = awaitTask(execution);

        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(202);
        Response second = decide("triager", taskId, "approve");
        assertThat(second.statusCode())
                .as("two approvals, but nobody from escalations")
                .isEqualTo(202);
        assertThat(second.jsonPath().getList("approvals.missingGroups")).containsExactly("escalations");
        assertThat(as("triager").get("/tasks/" + taskId).asString())
                .contains("2 of 2 approvals", "Still needed:", "an approver from escalations");
        assertThat(successes(execution)).isEmpty();

        assertThat(decide("reviewer2", taskId, "approve").statusCode()).isEqualTo(200);

        JsonNode approvals =
                Workflows.JSON.readTree(awaitClosed(execution).output()).get("approvals");
        assertThat(approvals.findValuesAsText("id")).containsExactly("reviewer", "triager", "reviewer2");
        assertThat(approvals.findValuesAsText("group")).containsExactly("research-leads", "null", "escalations");
        assertThat(successes(execution)).hasSize(1);
    }

    @Test
    void an_approval_of_an_edited_output_restarts_the_count_and_the_output_all_approved_is_sent() throws Exception {
        StartedExecution execution = start(body -> policy(body, 2));
        UUID taskId = awaitTask(execution);
        Map<String, Object> edited = Map.of(
                "decision",
                "approve",
                "output",
                Map.of("invoiceNumber", "INV-4711", "total", 1208.00, "currency", "EUR"));
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(202);

        Response restarted = decide("reviewer2", taskId, edited);
        assertThat(restarted.statusCode()).isEqualTo(202);
        assertThat(restarted.jsonPath().getList("approvals.approvals.reviewerId"))
                .containsExactly("reviewer2");
        assertThat(auditTypes(taskId)).contains("APPROVALS_RESTARTED");
        assertThat(as("reviewer").get("/tasks/" + taskId).asString())
                .as("the voided approver may approve again, starting from the edited output")
                .contains("id=\"decision-form\"", "1208");

        assertThat(decide("reviewer", taskId, edited).statusCode()).isEqualTo(200);

        JsonNode output = Workflows.JSON.readTree(awaitClosed(execution).output());
        assertThat(output.get("output").get("total").decimalValue()).isEqualByComparingTo("1208.00");
        assertThat(output.get("edited").asBoolean()).isTrue();
        assertThat(output.get("approvals").findValuesAsText("id")).containsExactly("reviewer2", "reviewer");
        assertThat(successes(execution)).hasSize(1);
    }

    private StartedExecution start(Consumer<ObjectNode> customize) {
        return Workflows.start(sqs, queueUrl, 7 * 86400, customize);
    }

    private static void policy(ObjectNode body, int required) {
        body.putObject("approval").put("required", required);
    }

    private static List<CallRecord> successes(StartedExecution execution) {
        return callbacks(execution, "SendTaskSuccess");
    }

    private static List<CallRecord> callbacks(StartedExecution execution, String operation) {
        return callbacksFor(execution).stream()
                .filter(c -> c.operation().equals(operation))
                .filter(CallRecord::applied)
                .toList();
    }

    private static long queuedCallbacks(UUID taskId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEntry.count("taskId", taskId));
    }

    private static List<String> auditTypes(UUID taskId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.<AuditEvent>list("taskId", taskId).stream()
                        .map(e -> e.type)
                        .toList());
    }

    private static Callable<Response> racer(CountDownLatch go, String user, UUID taskId) {
        return () -> {
            go.await();
            return decide(user, taskId, "approve");
        };
    }

    private static io.restassured.specification.RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }
}
