package dev.signoff.web;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.Patience;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.Workflows;
import dev.signoff.web.AuthorizationMatrix.Role;
import dev.signoff.web.AuthorizationMatrix.Row;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The authorization matrix's tasks. Own: assigned to finance-reviewers (reviewer, requester, excluded and lead are
 * members), requested by requester, excluding excluded. Foreign: assigned to the user reviewer2 alone, who also
 * claims or decides a task when a row's given asks for it. Each carries one artifact, in the allowed bucket. Every
 * cell of a row that changes state gets a task of its own; they are all sent at once, before the first cell is asked,
 * so intake takes them in side by side.
 */
final class MatrixTasks {

    static final String ARTIFACT_KEY = "authorization-matrix/evidence.txt";
    static final String ARTIFACT_TEXT = "Evidence the reviewers look at.\n";

    private final SqsClient sqs;
    private final String queueUrl;
    private final Map<String, Deque<UUID>> fresh = new HashMap<>();
    private final Map<String, UUID> shared = new HashMap<>();

    private MatrixTasks(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Creates the tasks every state-changing cell of {@code rows} will use. */
    static MatrixTasks prepare(SqsClient sqs, String queueUrl, List<Row> rows) {
        MatrixTasks tasks = new MatrixTasks(sqs, queueUrl);
        Map<String, Integer> needed = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.concernsTask() && !row.method().equals("GET")) {
                for (boolean foreign : List.of(false, true)) {
                    needed.merge(key(foreign, row.given()), Role.values().length, Integer::sum);
                }
            }
        }
        needed.forEach((key, count) -> tasks.fresh.put(
                key,
                new ArrayDeque<>(tasks.create(key.startsWith("foreign"), key.substring(key.indexOf(':') + 1), count))));
        return tasks;
    }

    /** One task per role, for one row's state-changing cells. */
    List<UUID> fresh(boolean foreign, String given) {
        Deque<UUID> pool = fresh.get(key(foreign, given));
        List<UUID> tasks = new ArrayList<>();
        for (int i = 0; i < Role.values().length; i++) {
            tasks.add(pool.pop());
        }
        return tasks;
    }

    /** The task a row's reading cells share. */
    UUID shared(boolean foreign, String given) {
        return shared.computeIfAbsent(
                key(foreign, given), key -> create(foreign, given, 1).get(0));
    }

    private List<UUID> create(boolean foreign, String given, int count) {
        List<StartedExecution> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(Workflows.start(sqs, queueUrl, 7 * 86400, body -> shape(body, foreign)));
        }
        Patience.await().until(() -> started.stream().allMatch(e -> ReviewTasks.taskOf(e.executionArn()) != null));
        List<UUID> ids = started.stream()
                .map(e -> ReviewTasks.taskOf(e.executionArn()).id)
                .toList();
        ids.forEach(id -> arrange(id, given));
        return ids;
    }

    private static String key(boolean foreign, String given) {
        return (foreign ? "foreign:" : "own:") + given;
    }

    private static void shape(ObjectNode body, boolean foreign) {
        ObjectNode assignees = body.putObject("assignees");
        if (foreign) {
            assignees.putArray("groups");
            assignees.putArray("users").add("reviewer2");
        } else {
            assignees.putArray("groups").add("finance-reviewers");
            assignees.putArray("users");
            assignees.putArray("excludeUsers").add("excluded");
            body.put("requestedBy", "requester");
        }
        ObjectNode artifact = body.putArray("artifacts").addObject();
        artifact.put("uri", "s3://" + S3ProxyTestResource.BUCKET + "/" + ARTIFACT_KEY);
        artifact.put("label", "invoice");
        artifact.put("contentType", "text/plain");
        artifact.put("sizeBytes", ARTIFACT_TEXT.length());
    }

    private static void arrange(UUID task, String given) {
        switch (given) {
            case "" -> {}
            case "claimed" ->
                given().auth()
                        .preemptive()
                        .basic("reviewer2", "reviewer2")
                        .post("/api/tasks/" + task + "/claim")
                        .then()
                        .statusCode(200);
            case "decided" ->
                ReviewTasks.decide("reviewer2", task, "approve").then().statusCode(200);
            default -> throw new IllegalArgumentException("No task state " + given + " (claimed, decided)");
        }
    }
}
