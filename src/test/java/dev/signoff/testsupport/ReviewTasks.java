package dev.signoff.testsupport;

import static io.restassured.RestAssured.given;

import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.CallRecord;
import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Looks behind the pages: the stored task of an execution, and what reached the Step Functions stand-in. */
public final class ReviewTasks {

    private ReviewTasks() {}

    /** Waits until intake has stored the execution's request, and returns the task id. */
    public static UUID awaitTask(StartedExecution execution) {
        Patience.await().until(() -> taskOf(execution.executionArn()) != null);
        return taskOf(execution.executionArn()).id;
    }

    public static TaskStatus statusOf(UUID taskId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ReviewTask.<ReviewTask>findById(taskId).status());
    }

    public static ExecutionSnapshot awaitClosed(StartedExecution execution) {
        Patience.await()
                .until(() -> Workflows.execution(execution.executionArn()).status() != ExecutionStatus.RUNNING);
        return Workflows.execution(execution.executionArn());
    }

    /** Every SendTask* call (applied or not, heartbeats included) that carried this execution's token. */
    public static List<CallRecord> callbacksFor(StartedExecution execution) {
        String tokenHash = Workflows.execution(execution.executionArn()).taskTokenSha256();
        return StepFunctionsTestResource.standIn().calls().stream()
                .filter(c -> c.operation().startsWith("SendTask"))
                .filter(c -> tokenHash.equals(c.request().get("taskTokenSha256")))
                .toList();
    }

    /** The caller's open tasks as the JSON API lists them. */
    public static String inboxJson(String user) {
        return given().auth().preemptive().basic(user, user).get("/api/tasks").asString();
    }

    /** Callbacks the stand-in applied for this execution's token (heartbeats aside): exactly-once means exactly 1. */
    public static long appliedCallbacks(StartedExecution execution) {
        return callbacksFor(execution).stream()
                .filter(c -> !c.operation().equals("SendTaskHeartbeat"))
                .filter(CallRecord::applied)
                .count();
    }

    /** Posts a decision body through the JSON API as {@code user} (password = user name), leaving the answer. */
    public static Response decide(String user, UUID taskId, Map<String, ?> body) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/tasks/" + taskId + "/decision");
    }

    /** Decides as {@code user}: approve bare, anything else with the comment a rejection needs. */
    public static Response decide(String user, UUID taskId, String decision) {
        return decide(
                user,
                taskId,
                decision.equals("approve")
                        ? Map.of("decision", decision)
                        : Map.of("decision", decision, "comment", "not this time"));
    }

    /** Approves through the JSON API as the sandbox/test user {@code reviewer}, leaving the answer to the caller. */
    public static Response approve(UUID taskId) {
        return decide("reviewer", taskId, "approve");
    }

    public static ReviewTask taskOf(String executionArn) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ReviewTask.<ReviewTask>find("executionArn", executionArn)
                        .firstResult());
    }
}
