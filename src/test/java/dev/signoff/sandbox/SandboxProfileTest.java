package dev.signoff.sandbox;

import static dev.signoff.testsupport.Patience.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sandbox exactly as `README` runs it — H2, embedded ElasticMQ and S3Proxy, the Step Functions stand-in and the
 * demo driver — on other ports and an in-memory database so it can run beside anything else.
 */
// One sandbox boot serves both tests; the first counts the seven demo reviews before the second cancels one.
@QuarkusTest
@TestProfile(SandboxProfileTest.Sandbox.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxProfileTest {

    @Inject
    SandboxWorkflows workflows;

    public static class Sandbox implements QuarkusTestProfile {

        @Override
        public String getConfigProfile() {
            return "sandbox";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                String s3Dir = Files.createTempDirectory("signoff-sandbox-s3").toString();
                return Map.ofEntries(
                        Map.entry(
                                "quarkus.datasource.jdbc.url",
                                "jdbc:h2:mem:sandbox;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"),
                        Map.entry("signoff.sandbox.sqs.port", "19324"),
                        Map.entry("quarkus.sqs.endpoint-override", "http://127.0.0.1:19324"),
                        Map.entry("signoff.intake.queue-url", "http://127.0.0.1:19324/000000000000/signoff-review"),
                        Map.entry(
                                "signoff.intake.dead-letter-queue-url",
                                "http://127.0.0.1:19324/000000000000/signoff-review-dlq"),
                        Map.entry(
                                "signoff.intake.execution-events-queue-url",
                                "http://127.0.0.1:19324/000000000000/signoff-execution-events"),
                        Map.entry("signoff.intake.wait-seconds", "1"),
                        Map.entry("signoff.sandbox.s3.port", "19444"),
                        Map.entry("signoff.sandbox.s3.base-dir", s3Dir),
                        Map.entry("quarkus.s3.endpoint-override", "http://127.0.0.1:19444"),
                        Map.entry("signoff.sandbox.step-functions.port", "18083"),
                        Map.entry("signoff.callbacks.endpoint-override", "http://127.0.0.1:18083"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    @Order(1)
    void the_sandbox_boots_on_h2_with_demo_reviews_and_resumes_a_demo_execution() {
        await().until(() -> inbox("reviewer").size() >= 7);
        List<Map<String, Object>> tasks = inbox("reviewer");
        assertThat(tasks)
                .extracting(t -> t.get("stateMachineName"))
                .contains("invoice-extraction", "expense-compliance-review", "market-research");

        String page = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/inbox")
                .asString();
        assertThat(page).contains("Waiting for you").contains("Invoice INV-2026-0147");

        String invoice = tasks.stream()
                .filter(t -> "invoice-extraction".equals(t.get("stateMachineName")))
                .map(t -> (String) t.get("id"))
                .findFirst()
                .orElseThrow();
        given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .contentType("application/json")
                .body(Map.of("decision", "approve", "comment", "Sandbox check"))
                .post("/api/tasks/" + invoice + "/decision")
                .then()
                .statusCode(200);

        await().until(() -> given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/api/tasks/" + invoice)
                .jsonPath()
                .getString("status")
                .equals("DELIVERED"));
        String executions = given().auth()
                .preemptive()
                .basic("admin", "admin")
                .get("/sandbox")
                .asString();
        assertThat(executions).contains("SUCCEEDED").contains("Sandbox check");
        byte[] pdf = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/tasks/" + invoice + "/artifacts/0")
                .asByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    }

    @Test
    @Order(2)
    void stopping_a_demo_execution_on_the_sandbox_page_cancels_its_review() {
        await().until(() ->
                inbox("reviewer").stream().anyMatch(t -> "market-research".equals(t.get("stateMachineName"))));
        String research = inbox("reviewer").stream()
                .filter(t -> "market-research".equals(t.get("stateMachineName")))
                .map(t -> (String) t.get("id"))
                .findFirst()
                .orElseThrow();
        String executionArn = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/api/tasks/" + research)
                .jsonPath()
                .getString("executionArn");
        assertThat(given().auth()
                        .preemptive()
                        .basic("admin", "admin")
                        .get("/sandbox")
                        .asString())
                .contains("Stop execution");

        given().auth()
                .preemptive()
                .basic("admin", "admin")
                .redirects()
                .follow(false)
                .formParam("executionArn", executionArn)
                .post("/sandbox/stop")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/sandbox"));

        await().until(() -> given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/api/tasks/" + research)
                .jsonPath()
                .getString("status")
                .equals("CANCELLED"));
        assertThat(given().auth()
                        .preemptive()
                        .basic("reviewer", "reviewer")
                        .get("/api/tasks/" + research)
                        .jsonPath()
                        .getString("statusReason"))
                .startsWith("The execution ended (ABORTED at ");
        given().auth()
                .preemptive()
                .basic("admin", "admin")
                .redirects()
                .follow(false)
                .formParam("executionArn", "arn:aws:states:us-east-1:123456789012:execution:nope:nope")
                .post("/sandbox/stop")
                .then()
                .statusCode(404);
    }

    @Test
    @Order(3)
    void only_admins_see_the_sandbox_page_and_its_link_and_only_they_start_or_stop_executions() {
        String open = (String) inbox("reviewer").get(0).get("id");
        String executionArn = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/api/tasks/" + open)
                .jsonPath()
                .getString("executionArn");
        int executions = workflows.standIn().orElseThrow().executions().size();

        for (String user : List.of("outsider", "reviewer")) {
            given().auth()
                    .preemptive()
                    .basic(user, user)
                    .get("/sandbox")
                    .then()
                    .statusCode(403)
                    .contentType(org.hamcrest.Matchers.startsWith("text/html"))
                    .body(org.hamcrest.Matchers.containsString("for admins"))
                    .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("executionArn")));
            given().auth()
                    .preemptive()
                    .basic(user, user)
                    .redirects()
                    .follow(false)
                    .post("/sandbox/demo")
                    .then()
                    .statusCode(403);
            given().auth()
                    .preemptive()
                    .basic(user, user)
                    .redirects()
                    .follow(false)
                    .formParam("executionArn", executionArn)
                    .post("/sandbox/stop")
                    .then()
                    .statusCode(403);
            assertThat(given().auth()
                            .preemptive()
                            .basic(user, user)
                            .get("/inbox")
                            .asString())
                    .doesNotContain("href=\"/sandbox\"");
        }
        assertThat(given().auth()
                        .preemptive()
                        .basic("reviewer", "reviewer")
                        .get("/api/tasks/" + open)
                        .jsonPath()
                        .getString("status"))
                .as("the refused stop reached nobody")
                .isEqualTo("PENDING");
        assertThat(workflows
                        .standIn()
                        .orElseThrow()
                        .execution(executionArn)
                        .orElseThrow()
                        .status())
                .isEqualTo(ExecutionStatus.RUNNING);
        assertThat(workflows.standIn().orElseThrow().executions())
                .as("the refused demo started nothing")
                .hasSize(executions);
        assertThat(given().auth()
                        .preemptive()
                        .basic("admin", "admin")
                        .get("/inbox")
                        .asString())
                .contains("href=\"/sandbox\"");
    }

    private static List<Map<String, Object>> inbox(String user) {
        JsonPath json =
                given().auth().preemptive().basic(user, user).get("/api/tasks").jsonPath();
        return json.getList("$");
    }
}
