package dev.signoff.decision;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.audit.AuditEvent;
import dev.signoff.review.TaskStatus;
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
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Separation of duties and the admin role (review/DecisionRights), through the JSON API and the task page: the
 * requester and excluded users never decide or claim, an admin decides only what is assigned to them, and a request
 * without assignees takes the default route (signoff.review.default-groups=triage in the test profile).
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class WhoMayDecideTest {

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void the_requester_cannot_decide_or_claim_and_the_page_says_why_while_a_colleague_decides() {
        UUID taskId = newTask(body -> body.put("requestedBy", "reviewer"));

        Response refused = decide("reviewer", taskId, "approve");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("reason")).isEqualTo("REQUESTER");
        assertThat(refused.jsonPath().getString("detail")).startsWith("You requested this review");
        assertThat(as("reviewer").post("/api/tasks/" + taskId + "/claim").statusCode())
                .isEqualTo(403);
        assertThat(as("reviewer").get("/api/tasks/" + taskId).jsonPath().getString("cannotDecide"))
                .startsWith("You requested this review");
        assertThat(as("reviewer2").get("/api/tasks/" + taskId).jsonPath().getString("cannotDecide"))
                .as("a colleague may decide")
                .isNull();
        String page = page("reviewer", taskId);
        assertThat(page).contains("You requested this review").doesNotContain("id=\"decision-form\"");
        assertThat(page).doesNotContain("id=\"claim-button\"").contains("Add comment");
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);

        assertThat(decide("reviewer2", taskId, "approve").statusCode()).isEqualTo(200);
    }

    @Test
    void a_form_post_by_the_requester_is_refused_with_403_and_records_nothing() {
        UUID taskId = newTask(body -> body.put("requestedBy", "reviewer"));

        Response posted = as("reviewer")
                .redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("decision", "approve")
                .post("/tasks/" + taskId + "/decision");

        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(posted.asString()).contains("You requested this review");
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void an_excluded_user_cannot_decide_even_though_their_group_is_assigned() {
        UUID taskId = newTask(body ->
                ((ObjectNode) body.get("assignees")).putArray("excludeUsers").add("reviewer2"));

        Response refused = decide("reviewer2", taskId, "reject");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.jsonPath().getString("reason")).isEqualTo("EXCLUDED");
        assertThat(page("reviewer2", taskId))
                .contains("You are excluded from deciding this review")
                .doesNotContain("id=\"decision-form\"");
        assertThat(as("reviewer2").post("/api/tasks/" + taskId + "/claim").statusCode())
                .isEqualTo(403);

        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);
    }

    @Test
    void an_admin_not_assigned_sees_the_task_but_cannot_decide_it() {
        UUID taskId = newTask(body -> {});

        Response seen = as("admin").get("/api/tasks/" + taskId);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.jsonPath().getBoolean("canDecide")).isFalse();
        assertThat(seen.jsonPath().getString("cannotDecide")).startsWith("You see this review as an admin");
        Response refused = decide("admin", taskId, "approve");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.jsonPath().getString("reason")).isEqualTo("NOT_ASSIGNED");
        assertThat(refused.jsonPath().getString("detail")).contains("admins decide only the reviews assigned to them");
        assertThat(page("admin", taskId))
                .contains("You see this review as an admin, but it is not assigned to you")
                .doesNotContain("id=\"decision-form\"");
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void an_admin_who_is_also_assigned_decides() {
        UUID taskId = newTask(body -> ((ObjectNode) body.get("assignees"))
                .putArray("groups")
                .add("finance-reviewers")
                .add("research-leads"));

        assertThat(page("admin", taskId)).contains("id=\"decision-form\"");
        assertThat(decide("admin", taskId, "approve").statusCode()).isEqualTo(200);
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.DECIDED);
    }

    @Test
    void a_request_without_assignees_goes_to_the_default_group_and_its_history_says_so() {
        UUID taskId = newTask(body -> body.remove("assignees"));

        assertThat(as("triager").get("/api/tasks/" + taskId).jsonPath().getList("assignees"))
                .containsExactly("group triage");
        assertThat(as("reviewer").get("/api/tasks/" + taskId).statusCode())
                .as("finance-reviewers are not the default route")
                .isEqualTo(404);
        AuditEvent routed = QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.<AuditEvent>find("taskId = ?1 and type = ?2", taskId, "DEFAULT_ROUTE")
                        .singleResult());
        assertThat(routed.detail).isEqualTo("assigned by default route to group triage");
        assertThat(page("triager", taskId)).contains("Assigned by default route");
        assertThat(decide("triager", taskId, "approve").statusCode()).isEqualTo(200);
    }

    private UUID newTask(Consumer<ObjectNode> customize) {
        return awaitTask(Workflows.start(sqs, queueUrl, 7 * 86400, customize));
    }

    private static String page(String user, UUID taskId) {
        return as(user).get("/tasks/" + taskId).then().statusCode(200).extract().asString();
    }

    private static io.restassured.specification.RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }
}
