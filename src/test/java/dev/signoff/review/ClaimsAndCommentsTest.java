package dev.signoff.review;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.audit.AuditEvent;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** "I'm on it" and the discussion before deciding, through the JSON API and the page's form posts. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ClaimsAndCommentsTest {

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void a_claim_shows_who_holds_it_and_a_colleague_cannot_take_it() {
        UUID taskId = newTask();

        Response claimed = as("reviewer").post("/api/tasks/" + taskId + "/claim");
        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(claimed.jsonPath().getString("holderName")).isEqualTo("Riley Reviewer");

        Response refused = as("reviewer2").post("/api/tasks/" + taskId + "/claim");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.jsonPath().getString("detail")).contains("Riley Reviewer is on it");
        assertThat(page("reviewer2", taskId)).contains("<strong><bdi>Riley Reviewer</bdi></strong> is on it");
        assertThat(page("reviewer", taskId)).contains("You are on it");
        assertThat(historyTypes(taskId)).containsSubsequence("TASK_OPENED", "CLAIMED");
    }

    @Test
    void a_claim_never_stops_another_assigned_reviewer_from_deciding() {
        UUID taskId = newTask();
        as("reviewer").post("/api/tasks/" + taskId + "/claim").then().statusCode(200);

        assertThat(decide("reviewer2", taskId, "approve").statusCode()).isEqualTo(200);
        assertThat(as("reviewer").post("/api/tasks/" + taskId + "/claim").statusCode())
                .as("a decided task takes no claims")
                .isEqualTo(409);
    }

    @Test
    void an_admin_takes_a_claim_over_only_when_asking_for_it_and_the_history_names_the_previous_holder() {
        UUID taskId = newTask();
        as("reviewer").post("/api/tasks/" + taskId + "/claim").then().statusCode(200);

        assertThat(as("admin").post("/api/tasks/" + taskId + "/claim").statusCode())
                .isEqualTo(409);
        Response takenOver = as("admin").queryParam("takeOver", true).post("/api/tasks/" + taskId + "/claim");

        assertThat(takenOver.statusCode()).isEqualTo(200);
        assertThat(takenOver.jsonPath().getString("holderName")).isEqualTo("Ada Admin");
        AuditEvent event = lastEvent(taskId);
        assertThat(event.type).isEqualTo("CLAIM_TAKEN_OVER");
        assertThat(event.detail).isEqualTo("from Riley Reviewer");
        assertThat(event.actorName).isEqualTo("Ada Admin");
    }

    @Test
    void the_holder_releases_and_a_colleague_may_claim_then() {
        UUID taskId = newTask();
        as("reviewer").post("/api/tasks/" + taskId + "/claim").then().statusCode(200);

        assertThat(as("reviewer2").delete("/api/tasks/" + taskId + "/claim").statusCode())
                .as("only the holder or an admin releases")
                .isEqualTo(409);
        assertThat(as("reviewer").delete("/api/tasks/" + taskId + "/claim").statusCode())
                .isEqualTo(204);
        assertThat(as("reviewer2").post("/api/tasks/" + taskId + "/claim").statusCode())
                .isEqualTo(200);
        assertThat(historyTypes(taskId)).containsSubsequence("CLAIMED", "RELEASED", "CLAIMED");
    }

    @Test
    void a_claim_lapses_after_its_holder_was_idle_for_the_claim_idle_time() {
        UUID taskId = newTask();
        as("reviewer").post("/api/tasks/" + taskId + "/claim").then().statusCode(200);

        StepFunctionsTestResource.clock().advance(Duration.ofMinutes(119));
        assertThat(as("reviewer2").post("/api/tasks/" + taskId + "/claim").statusCode())
                .isEqualTo(409);
        StepFunctionsTestResource.clock().advance(Duration.ofMinutes(2));

        assertThat(page("reviewer2", taskId)).contains("Nobody has said they are on it.");
        assertThat(as("reviewer2").post("/api/tasks/" + taskId + "/claim").statusCode())
                .isEqualTo(200);
    }

    @Test
    void commenting_keeps_the_holders_claim_alive() {
        UUID taskId = newTask();
        as("reviewer").post("/api/tasks/" + taskId + "/claim").then().statusCode(200);
        StepFunctionsTestResource.clock().advance(Duration.ofMinutes(100));
        comment("reviewer", taskId, "Checking the PDF now").then().statusCode(200);

        StepFunctionsTestResource.clock().advance(Duration.ofMinutes(100));

        assertThat(as("reviewer2").post("/api/tasks/" + taskId + "/claim").statusCode())
                .isEqualTo(409);
    }

    @Test
    void comments_are_kept_in_order_with_their_authors_and_in_the_history_but_not_in_the_callback() {
        UUID taskId = newTask();
        comment("reviewer", taskId, "The total looks off by 10").then().statusCode(200);
        comment("reviewer2", taskId, "It matches page 2 of the PDF").then().statusCode(200);

        List<Map<String, Object>> comments = as("reviewer")
                .get("/api/tasks/" + taskId + "/comments")
                .jsonPath()
                .getList("$");
        assertThat(comments)
                .extracting(c -> c.get("body"))
                .containsExactly("The total looks off by 10", "It matches page 2 of the PDF");
        assertThat(comments).extracting(c -> c.get("authorName")).containsExactly("Riley Reviewer", "Sam Second");
        assertThat(page("reviewer", taskId)).contains("Discussion (2)", "It matches page 2 of the PDF");
        assertThat(historyTypes(taskId)).containsSubsequence("COMMENTED", "COMMENTED");
    }

    @Test
    void an_empty_comment_is_refused_with_a_reason_and_an_outsider_sees_no_discussion() {
        UUID taskId = newTask();

        Response empty = comment("reviewer", taskId, "   ");
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.jsonPath().getString("detail")).isEqualTo("Write a comment first.");
        assertThat(as("outsider").get("/api/tasks/" + taskId + "/comments").statusCode())
                .isEqualTo(404);
        assertThat(comment("outsider", taskId, "hello").statusCode()).isEqualTo(404);
    }

    @Test
    void the_page_forms_claim_and_comment_with_a_303_and_keep_the_text_of_a_refused_comment() {
        UUID taskId = newTask();

        Response claimed = form("reviewer").post("/tasks/" + taskId + "/claim");
        assertThat(claimed.statusCode()).isEqualTo(303);
        assertThat(claimed.header("Location")).endsWith("/tasks/" + taskId + "#claim");

        String tooLong = "x".repeat(TaskComments.MAX_LENGTH + 1);
        Response refused = form("reviewer").formParam("body", tooLong).post("/tasks/" + taskId + "/comments");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.asString()).contains("at most 20000 characters", tooLong);

        Response fragment = form("reviewer")
                .header("HX-Request", "true")
                .formParam("body", "Looks fine to me")
                .post("/tasks/" + taskId + "/comments");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.asString().strip())
                .startsWith("<section id=\"discussion\"")
                .contains("Looks fine to me")
                .doesNotContain("<html");
    }

    @Test
    void opening_a_task_is_recorded_once_per_reviewer_and_changes_nothing_else() {
        UUID taskId = newTask();
        long versionBefore = versionOf(taskId);

        page("reviewer", taskId);
        page("reviewer", taskId);
        page("reviewer2", taskId);

        assertThat(historyTypes(taskId).stream().filter("VIEWED"::equals)).hasSize(2);
        assertThat(versionOf(taskId)).isEqualTo(versionBefore);
        assertThat(page("reviewer", taskId)).contains("Opened the review", "Received");
    }

    private UUID newTask() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 7 * 86400);
        return awaitTask(execution);
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    private static RequestSpecification form(String user) {
        return as(user).redirects().follow(false).contentType(ContentType.URLENC);
    }

    private static Response comment(String user, UUID taskId, String body) {
        return as(user).contentType(ContentType.JSON)
                .body(Map.of("body", body))
                .post("/api/tasks/" + taskId + "/comments");
    }

    private static String page(String user, UUID taskId) {
        return as(user).get("/tasks/" + taskId).then().statusCode(200).extract().asString();
    }

    private static List<String> historyTypes(UUID taskId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.forTask(taskId).stream().map(e -> e.type).toList());
    }

    private static AuditEvent lastEvent(UUID taskId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<AuditEvent> events = AuditEvent.forTask(taskId);
            return events.get(events.size() - 1);
        });
    }

    private static long versionOf(UUID taskId) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewTask.<ReviewTask>findById(taskId).version);
    }
}
