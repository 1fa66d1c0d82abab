package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.decision.DecisionService;
import dev.signoff.sandbox.stepfunctions.CallRecord;
import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A reviewer's way through the portal in a real browser: sign in, find the task, read it, decide. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ReviewJourneyTest extends BrowserJourney {

    @Inject
    DecisionService decisions;

    @Test
    void a_reviewer_signs_in_reads_the_task_and_approves_it_with_a_comment() throws Exception {
        String title = "Invoice INV-4711 journey " + UUID.randomUUID();
        StartedExecution execution = startExecution(body -> {
            body.put("title", title);
            ((ObjectNode) body.get("proposedOutput")).put("total", new BigDecimal("1280.00"));
        });
        UUID taskId = ReviewTasks.awaitTask(execution);

        browser.go("/inbox");
        assertThat(browser.path()).isEqualTo("/login");
        browser.signIn("reviewer", "reviewer");
        assertThat(browser.path()).isEqualTo("/inbox");
        // Other tests' open reviews may fill the first page: a search finds this one, as a reviewer would.
        browser.go("/inbox?q=" + title.substring(title.lastIndexOf(' ') + 1));
        WebElement row = browser.find(By.cssSelector("#pending a[href='/tasks/" + taskId + "']"));
        assertThat(row.getText()).isEqualTo(title);

        row.click();
        browser.awaitElement(By.id("decision-form"));
        assertThat(browser.path()).isEqualTo("/tasks/" + taskId);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(title);
        // Most severe first: findings are grouped by severity.
        assertThat(texts(By.cssSelector(".finding strong")))
                .containsExactly("Supplier VAT id not found in registry", "Total amount below confidence threshold");
        assertThat(browser.find(By.cssSelector(".finding code")).getText()).isEqualTo("1,280.00 EUR");
        List<WebElement> artifacts = browser.findAll(By.cssSelector("#artifacts tr.artifact-row"));
        assertThat(artifacts).hasSize(1);
        assertThat(artifacts.get(0).getDomAttribute("id")).isEqualTo("artifact-0");
        assertThat(artifacts.get(0).getText()).contains("invoice", "application/pdf", "1.0 KiB");
        // The fixture's bucket is not in the test allowlist: the page says so instead of offering a dead link.
        assertThat(browser.find(By.cssSelector("#artifacts .artifact-refused")).getText())
                .contains("bucket is not in signoff.artifacts.allowed-buckets");
        assertThat(Workflows.JSON.readTree(
                        browser.find(By.id("proposed-output")).getText()))
                .isEqualTo(Workflows.JSON.readTree(
                        "{\"invoiceNumber\":\"INV-4711\",\"total\":1280.00,\"currency\":\"EUR\"}"));
        assertThat(browser.find(By.id("proposed-output")).getText())
                .as("amounts are shown as written")
                .contains("\"total\" : 1280.00");
        browser.screenshot(Path.of("/tmp/signoff-task.png"));

        browser.find(By.cssSelector("input[name=decision][value=approve]")).click();
        browser.find(By.id("comment")).sendKeys("Checked against the PDF in the browser");
        browser.find(By.id("review")).click();
        browser.awaitElement(By.id("confirm")).click();

        WebElement decision = browser.awaitElement(By.id("decision"));
        assertThat(browser.path()).isEqualTo("/tasks/" + taskId);
        assertThat(decision.getText()).contains("Approved", "Riley Reviewer", "Checked against the PDF in the browser");
        assertThat(browser.findAll(By.id("decision-form"))).isEmpty();

        ExecutionSnapshot done = ReviewTasks.awaitClosed(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Workflows.JSON.readTree(done.output());
        assertThat(output.get("decision").asText()).isEqualTo("approved");
        assertThat(output.get("comment").asText()).isEqualTo("Checked against the PDF in the browser");
        assertThat(output.at("/reviewer/id").asText()).isEqualTo("reviewer");
        assertThat(done.output()).as("the amount as the agent wrote it").contains("\"total\":1280.00");
        assertThat(ReviewTasks.callbacksFor(execution))
                .extracting(CallRecord::operation)
                .containsExactly("SendTaskSuccess");

        browser.go("/tasks/" + taskId);
        assertThat(browser.find(By.id("decision")).getText()).contains("Approved");
        assertThat(browser.checkedPages()).isGreaterThan(5);
    }

    @Test
    void rejecting_without_a_comment_shows_why_keeps_the_input_and_sends_nothing_until_a_comment_is_given()
            throws Exception {
        String title = "Invoice INV-4711 reject journey " + UUID.randomUUID();
        StartedExecution execution = startExecution(body -> body.put("title", title));
        UUID taskId = ReviewTasks.awaitTask(execution);
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer2", "reviewer2");
        assertThat(browser.path()).isEqualTo("/tasks/" + taskId);

        browser.find(By.cssSelector("input[name=decision][value=reject]")).click();
        browser.find(By.id("reasonCode")).sendKeys("supplier-unknown");
        browser.find(By.id("review")).click();

        WebElement error = browser.awaitElement(By.id("panel-error"));
        assertThat(error.getText()).contains("comment is required");
        assertThat(browser.path()).isEqualTo("/tasks/" + taskId);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(title);
        assertThat(browser.find(By.cssSelector("input[name=decision][value=reject]"))
                        .isSelected())
                .isTrue();
        assertThat(browser.find(By.id("reasonCode")).getDomProperty("value")).isEqualTo("supplier-unknown");
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
        assertThat(decisions.decisionFor(taskId)).isEmpty();
        assertThat(Workflows.execution(execution.executionArn()).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(ReviewTasks.callbacksFor(execution)).isEmpty();

        browser.find(By.id("comment")).sendKeys("Supplier is not in the VAT registry");
        browser.find(By.id("review")).click();
        browser.awaitElement(By.id("confirm")).click();

        WebElement decision = browser.awaitElement(By.id("decision"));
        assertThat(browser.path()).isEqualTo("/tasks/" + taskId);
        assertThat(decision.getText()).contains("Rejected", "Sam Second", "Supplier is not in the VAT registry");
        assertThat(browser.findAll(By.id("panel-error"))).isEmpty();
        ExecutionSnapshot done = ReviewTasks.awaitClosed(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Signoff.Rejected");
        JsonNode cause = Workflows.JSON.readTree(done.cause());
        assertThat(cause.get("comment").asText()).isEqualTo("Supplier is not in the VAT registry");
        assertThat(cause.get("reasonCode").asText()).isEqualTo("supplier-unknown");
    }

    private static List<String> texts(By by) {
        return browser.findAll(by).stream().map(WebElement::getText).toList();
    }
}
