package dev.signoff.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.decision.DecisionService;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Patience;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The decision panel's steps over plain form posts (JavaScript off): review shows the callback and the diff and
 * records nothing, confirm decides; field errors, the edited flag, reason codes, the S3 pointer, delivery status.
 */
@QuarkusTest
@TestProfile(DecisionPanelTestProfile.class)
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class DecisionPanelTest extends BrowserJourney {

    @Inject
    DecisionService decisions;

    @ConfigProperty(name = "quarkus.s3.endpoint-override")
    String s3Endpoint;

    @Test
    void the_review_step_shows_the_callback_and_the_diff_and_records_nothing_until_confirmed() throws Exception {
        StartedExecution execution = startInvoice();
        UUID taskId = ReviewTasks.awaitTask(execution);
        Map<String, String> fields = approval("1208.00");

        String confirm =
                post(taskId, fields, "review").then().statusCode(200).extract().asString();

        assertThat(confirm).contains("id=\"callback-preview\"", "&quot;total&quot; : 1208.00", "id=\"diff\"");
        assertThat(confirm).contains("<code>$.total</code>", "<code>1280.00</code>", "<code>1208.00</code>");
        assertThat(confirm).contains("name=\"o/total\" value=\"1208.00\"", "value=\"confirm\"", "value=\"edit\"");
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(decisions.decisionFor(taskId)).isEmpty();
        assertThat(ReviewTasks.callbacksFor(execution)).isEmpty();

        String back =
                post(taskId, fields, "edit").then().statusCode(200).extract().asString();
        assertThat(back).contains("id=\"decision-form\"", "value=\"1208.00\"");

        post(taskId, fields, "confirm").then().statusCode(303);
        ExecutionSnapshot done = ReviewTasks.awaitClosed(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).contains("\"total\":1208.00", "\"edited\":true");
        assertThat(decisions.decisionFor(taskId).orElseThrow().edited()).isTrue();
    }

    @Test
    void a_field_that_breaks_the_schema_is_shown_next_to_the_field_and_the_fixed_edit_goes_through() {
        StartedExecution execution = startInvoice();
        UUID taskId = ReviewTasks.awaitTask(execution);
        Map<String, String> fields = approval("1208.00");
        fields.put("o/currency", "EURO");
        fields.put("o/total", "12,08");

        String page =
                post(taskId, fields, "review").then().statusCode(422).extract().asString();

        assertThat(page).contains("data-for=\"o/total\">Enter a number");
        fields.put("o/total", "1208.00");
        page = post(taskId, fields, "review").then().statusCode(422).extract().asString();
        assertThat(page).containsPattern("data-for=\"o/currency\">[^<]*3");
        assertThat(page).contains("value=\"EURO\"");
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);

        fields.put("o/currency", "USD");
        post(taskId, fields, "review").then().statusCode(200);
        post(taskId, fields, "confirm").then().statusCode(303);
        assertThat(ReviewTasks.awaitClosed(execution).output()).contains("\"currency\":\"USD\"");
    }

    @Test
    void an_edit_identical_to_the_proposal_is_not_recorded_as_edited() {
        StartedExecution execution = startInvoice();
        UUID taskId = ReviewTasks.awaitTask(execution);

        String confirm = post(taskId, approval("1280.00"), "review").asString();
        assertThat(confirm).contains("id=\"diff-none\"");
        post(taskId, approval("1280.00"), "confirm").then().statusCode(303);

        assertThat(ReviewTasks.awaitClosed(execution).output()).contains("\"total\":1280.00", "\"edited\":false");
        assertThat(decisions.decisionFor(taskId).orElseThrow().edited()).isFalse();
    }

    @Test
    void reason_codes_come_from_the_workflows_list_and_a_code_not_in_it_is_refused() {
        StartedExecution execution = startInvoice();
        UUID taskId = ReviewTasks.awaitTask(execution);
        String page = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/tasks/" + taskId)
                .asString();
        assertThat(page).contains("<select id=\"reasonCode\"", "<option value=\"amount-wrong\"");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("decision", "reject");
        fields.put("comment", "The total is wrong");
        fields.put("reasonCode", "made-up");
        fields.put("idempotencyKey", UUID.randomUUID().toString());
        assertThat(post(taskId, fields, "review")
                        .then()
                        .statusCode(422)
                        .extract()
                        .asString())
                .contains("Reason code &quot;made-up&quot; is not one this workflow accepts");
        assertThat(ReviewTasks.decide(
                                "reviewer",
                                taskId,
                                Map.of("decision", "reject", "comment", "no", "reasonCode", "made-up"))
                        .statusCode())
                .isEqualTo(422);

        fields.put("reasonCode", "amount-wrong");
        post(taskId, fields, "confirm").then().statusCode(303);
        ExecutionSnapshot done = ReviewTasks.awaitClosed(execution);
        assertThat(done.error()).isEqualTo("Signoff.Rejected");
        assertThat(done.cause()).contains("\"reasonCode\":\"amount-wrong\"");
    }

    @Test
    void an_edited_output_over_256_kib_is_stored_in_s3_and_the_workflow_gets_its_location() throws Exception {
        StartedExecution execution = startInvoice();
        UUID taskId = ReviewTasks.awaitTask(execution);
        Map<String, String> fields = approval("1208.00");
        fields.put("o/invoiceNumber", "INV-" + "9".repeat(300_000));

        String confirm =
                post(taskId, fields, "review").then().statusCode(200).extract().asString();
        assertThat(confirm).contains("id=\"stored-note\"", "outputLocation");
        post(taskId, fields, "confirm").then().statusCode(303);

        ExecutionSnapshot done = ReviewTasks.awaitClosed(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Workflows.JSON.readTree(done.output());
        assertThat(output.get("output").isNull()).isTrue();
        assertThat(output.get("edited").booleanValue()).isTrue();
        JsonNode location = output.get("outputLocation");
        assertThat(location.get("bucket").asText()).isEqualTo(S3ProxyTestResource.BUCKET);
        byte[] stored = S3ProxyTestResource.fixtureClient(s3Endpoint)
                .getObjectAsBytes(r -> r.bucket(S3ProxyTestResource.BUCKET)
                        .key(location.get("key").asText()))
                .asByteArray();
        String json = new String(stored, StandardCharsets.UTF_8);
        assertThat(json)
                .startsWith("{\"invoiceNumber\":\"INV-9999")
                .endsWith("\"total\":1208.00,\"currency\":\"EUR\"}");
        assertThat(location.get("sizeBytes").asLong()).isEqualTo(stored.length);
        assertThat(location.get("sha256").asText())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(stored)));
    }

    @Test
    void the_delivery_fragment_polls_while_pending_and_stops_once_delivered() {
        StartedExecution execution = startInvoice();
        UUID taskId = ReviewTasks.awaitTask(execution);
        assertThat(ReviewTasks.approve(taskId).statusCode()).isEqualTo(200);

        ReviewTasks.awaitClosed(execution);
        Patience.await().until(() -> ReviewTasks.statusOf(taskId) == TaskStatus.DELIVERED);
        String fragment = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/tasks/" + taskId + "/delivery")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(fragment).contains("id=\"delivery\"", "delivered").doesNotContain("hx-trigger", "<html");
        String page = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/tasks/" + taskId)
                .asString();
        assertThat(page).contains("id=\"delivery\"", "the panel is read-only").doesNotContain("id=\"decision-form\"");
    }

    @Test
    void a_pending_delivery_polls_every_two_seconds_with_a_refresh_link_for_no_javascript() {
        DeliveryView pending = DeliveryView.of(UUID.randomUUID(), TaskStatus.DECIDED);
        assertThat(pending.pending()).isTrue();
        assertThat(pending.state()).isEqualTo("pending");
        String fragment = TaskPage.Templates.delivery(pending).render();
        assertThat(fragment).contains("hx-trigger=\"every 2s\"", ">Refresh</a>");
    }

    @Test
    void without_a_schema_the_json_editor_says_where_the_json_breaks_and_a_fixed_edit_goes_through() {
        StartedExecution execution = startExecution(body -> body.remove("outputSchema"));
        UUID taskId = ReviewTasks.awaitTask(execution);
        String page = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/tasks/" + taskId)
                .asString();
        assertThat(page)
                .contains("<textarea class=\"code\" id=\"output\"", "&quot;invoiceNumber&quot; : &quot;INV-4711&quot;");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("idempotencyKey", UUID.randomUUID().toString());
        fields.put("decision", "approve");
        fields.put("output", "{\"total\": 1208.00,\n \"currency\": EUR}");

        String refused =
                post(taskId, fields, "review").then().statusCode(422).extract().asString();

        assertThat(refused).contains("id=\"output-error\">This is not valid JSON at line 2, column");
        assertThat(refused).contains("{&quot;total&quot;: 1208.00,");
        fields.put("output", "{\"total\": 1208.00,\n \"currency\": \"EUR\"}");
        assertThat(post(taskId, fields, "review")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("<code>$.invoiceNumber</code>", "removed");
        post(taskId, fields, "confirm").then().statusCode(303);
        assertThat(ReviewTasks.awaitClosed(execution).output())
                .contains("\"output\":{\"total\":1208.00,\"currency\":\"EUR\"},\"edited\":true");
    }

    @Test
    void a_schema_the_form_cannot_show_gets_the_json_editor_and_says_so_and_its_errors_are_listed() {
        StartedExecution execution =
                startExecution(body -> ((ObjectNode) body.get("outputSchema").get("properties"))
                        .putObject("note")
                        .putArray("oneOf")
                        .add(Workflows.JSON.createObjectNode().put("type", "string")));
        UUID taskId = ReviewTasks.awaitTask(execution);
        String page = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/tasks/" + taskId)
                .asString();
        assertThat(page).contains("id=\"form-fallback\"", "it uses &quot;oneOf&quot; at note", "id=\"output\"");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("idempotencyKey", UUID.randomUUID().toString());
        fields.put("decision", "approve");
        fields.put("output", "{\"invoiceNumber\":\"INV-4711\",\"total\":\"lots\",\"currency\":\"EUR\"}");
        assertThat(post(taskId, fields, "review")
                        .then()
                        .statusCode(422)
                        .extract()
                        .asString())
                .contains("id=\"output-errors\"", "/total: ");
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void in_the_browser_a_reviewer_edits_in_the_form_fixes_an_error_sees_the_diff_confirms_and_sees_delivered()
            throws Exception {
        StartedExecution execution = startExecution(body -> {
            ObjectNode proposal = (ObjectNode) body.get("proposedOutput");
            proposal.put("total", new BigDecimal("1280.00"));
            proposal.put("paid", false);
            proposal.putArray("lines")
                    .add(Workflows.JSON
                            .createObjectNode()
                            .put("description", "Consulting")
                            .put("amount", 1000))
                    .add(Workflows.JSON
                            .createObjectNode()
                            .put("description", "Travel")
                            .put("amount", 280));
            ObjectNode schema = (ObjectNode) body.get("outputSchema");
            ObjectNode properties = (ObjectNode) schema.get("properties");
            properties.putObject("paid").put("type", "boolean").put("title", "Already paid");
            ObjectNode line = properties.putObject("lines").put("type", "array").putObject("items");
            line.put("type", "object").putArray("required").add("amount");
            line.putObject("properties").putObject("description").put("type", "string");
            ((ObjectNode) line.get("properties"))
                    .putObject("amount")
                    .put("type", "number")
                    .put("minimum", 0);
        });
        UUID taskId = ReviewTasks.awaitTask(execution);
        java.nio.file.Files.createDirectories(SCREENSHOTS);
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");
        browser.awaitElement(By.id("output-form"));

        browser.find(By.cssSelector("input[name=decision][value=approve]")).click();
        browser.find(By.cssSelector("button[value='add:/lines']")).click();
        browser.awaitElement(By.name("o/lines/2/amount")).sendKeys("0.10");
        WebElement currency = browser.find(By.name("o/currency"));
        currency.clear();
        currency.sendKeys("EU");
        browser.find(By.id("review")).click();

        WebElement error = browser.awaitElement(By.cssSelector(".field-error[data-for='o/currency']"));
        assertThat(error.getText()).contains("3");
        assertThat(browser.find(By.name("o/lines/2/amount")).getDomProperty("value"))
                .isEqualTo("0.10");
        browser.screenshot(SCREENSHOTS.resolve("decision-form-error.png"));

        currency = browser.find(By.name("o/currency"));
        currency.clear();
        currency.sendKeys("EUR");
        WebElement total = browser.find(By.name("o/total"));
        total.clear();
        total.sendKeys("1208.00");
        browser.find(By.id("review")).click();

        WebElement diff = browser.awaitElement(By.id("diff"));
        assertThat(diff.getText()).contains("$.total", "1280.00", "1208.00", "$.lines[2]", "added");
        assertThat(browser.find(By.id("callback-preview")).getText()).contains("\"total\" : 1208.00");
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        browser.screenshot(SCREENSHOTS.resolve("decision-confirm-diff.png"));

        browser.find(By.id("confirm")).click();
        browser.awaitElement(By.id("decision"));
        browser.await(
                "delivered without a reload",
                d -> d.findElement(By.id("delivery-state")).getText().equals("delivered"));
        browser.await(
                "the header's status to follow",
                d -> d.findElement(By.id("status")).getText().equals(TaskStatus.DELIVERED.label()));
        browser.screenshot(SCREENSHOTS.resolve("decision-delivered.png"));
        assertThat(ReviewTasks.awaitClosed(execution).output())
                .contains("\"total\":1208.00", "{\"amount\":0.10}", "\"edited\":true");
    }

    private static final java.nio.file.Path SCREENSHOTS = java.nio.file.Path.of("target/screenshots");

    /** The fixture request with its total written as 1280.00 (the fixture reader would make it 1280.0). */
    private StartedExecution startInvoice() {
        return startExecution(
                body -> ((ObjectNode) body.get("proposedOutput")).put("total", new BigDecimal("1280.00")));
    }

    /** The fixture's fields as the form posts them, approving with {@code total} typed in. */
    private static Map<String, String> approval(String total) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("idempotencyKey", UUID.randomUUID().toString());
        fields.put("decision", "approve");
        fields.put("comment", "");
        fields.put("reasonCode", "");
        fields.put("o/invoiceNumber", "INV-4711");
        fields.put("o/total", total);
        fields.put("o/currency", "EUR");
        return fields;
    }

    private static Response post(UUID taskId, Map<String, String> fields, String step) {
        return given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParams(fields)
                .formParam("step", step)
                .post("/tasks/" + taskId + "/decision");
    }
}
