package dev.signoff.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.decision.OutboxEntry;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.Fault;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.Accessibility;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Patience;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/** The task page's Admin section in a browser: shown to admins only, passes axe, its forms work as plain POSTs. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class TaskActionsBrowserTest extends BrowserJourney {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @AfterEach
    void clearFaults() {
        StepFunctionsTestResource.standIn().clearFaults();
    }

    @Test
    void an_admin_reassigns_and_then_cancels_from_the_task_page_and_sees_the_delivery() throws Exception {
        var clock = StepFunctionsTestResource.clock();
        StartedExecution execution = startExecution(body -> {
            body.put("title", "Invoice INV-4712: duplicate?");
            body.put(
                    "timeoutAt",
                    clock.instant()
                            .plus(Duration.ofDays(2))
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString());
            body.put(
                    "expiresAt",
                    clock.instant()
                            .plus(Duration.ofDays(1))
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString());
        });
        UUID taskId = ReviewTasks.awaitTask(execution);

        browser.go("/tasks/" + taskId);
        browser.signIn("admin", "admin");
        WebElement admin = browser.awaitElement(By.id("admin"));
        assertThat(admin.getText()).contains("Reassign", "Change when the review closes", "Cancel the review");
        assertThat(browser.find(By.id("cancel-warning")).getText())
                .contains("A workflow without a catcher for Signoff.Cancelled fails");
        assertThat(browser.find(By.id("reassign-groups")).getAttribute("value")).isEqualTo("finance-reviewers");
        assertThat(Accessibility.seriousViolations(browser))
                .as("task page with its Admin section")
                .isEmpty();
        Files.createDirectories(SCREENSHOTS);
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1400));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("arguments[0].scrollIntoView(true);", admin);
        Files.write(SCREENSHOTS.resolve("admin-task-actions.png"), admin.getScreenshotAs(OutputType.BYTES));

        WebElement groups = browser.find(By.id("reassign-groups"));
        groups.clear();
        groups.sendKeys("finance-reviewers\ncompliance-officers");
        browser.find(By.id("reassign-reason")).sendKeys("compliance must see duplicates");
        browser.find(By.id("reassign")).click();
        browser.await(
                "the reassign notice",
                d -> !d.findElements(By.id("admin-notice")).isEmpty());
        assertThat(browser.find(By.id("admin-notice")).getText()).contains("Reassigned");
        assertThat(browser.find(By.id("main")).getText()).contains("group compliance-officers");

        browser.find(By.id("cancel-reason")).sendKeys("duplicate of INV-4711");
        browser.find(By.id("cancel")).click();
        browser.await(
                "the closed page", d -> !d.findElements(By.id("read-only")).isEmpty());
        assertThat(browser.findAll(By.id("admin"))).as("nothing left to act on").isEmpty();
        ReviewTasks.awaitClosed(execution);
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.CANCELLED);
        // The line is read when the page loads: open it once the dispatcher has recorded the delivery.
        Patience.await()
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() ->
                                OutboxEntry.count("taskId = ?1 and status = ?2", taskId, OutboxEntry.Status.DELIVERED)
                                        == 1));
        browser.go("/tasks/" + taskId);
        assertThat(browser.find(By.id("delivery-state")).getText()).isEqualTo("delivered");
        assertThat(browser.find(By.id("delivery")).getText()).contains("Signoff.Cancelled");
        assertThat(Accessibility.seriousViolations(browser))
                .as("the cancelled task")
                .isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("admin-task-cancelled.png"));
        assertThat(ReviewTasks.appliedCallbacks(execution)).isEqualTo(1);
        assertThat(StepFunctionsTestResource.standIn()
                        .execution(execution.executionArn())
                        .orElseThrow()
                        .status())
                .isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void an_admin_reprocesses_a_fixed_quarantined_request_and_lands_on_its_new_task() throws Exception {
        StepFunctionsTestResource.standIn().injectFault("SendTaskFailure", Fault.reject("ValidationException", 400, 1));
        StartedExecution execution = startExecution(body -> body.put("title", ""));
        String hash = Workflows.execution(execution.executionArn()).taskTokenSha256();
        Patience.await().until(() -> failedInvalidRequest(hash) != null);
        UUID quarantineId = failedInvalidRequest(hash);
        // Stands in for the contract fix: the stored body becomes what a fixed Signoff accepts.
        ObjectNode body =
                (ObjectNode) Workflows.JSON.readTree((String) AdminFixtures.column("quarantine", "body", quarantineId));
        body.put("title", "Invoice INV-4713: re-processed");
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery("update quarantine set body = ?1 where id = ?2")
                        .setParameter(1, body.toString())
                        .setParameter(2, quarantineId)
                        .executeUpdate());

        browser.go("/admin/quarantine");
        browser.signIn("admin", "admin");
        WebElement entry = browser.awaitElement(By.id("quarantine-" + quarantineId));
        assertThat(entry.getText()).contains("Re-process runs it through intake again");
        assertThat(Accessibility.seriousViolations(browser))
                .as("quarantine with Re-process")
                .isEmpty();
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("admin-quarantine-reprocess.png"), entry.getScreenshotAs(OutputType.BYTES));
        browser.find(By.id("reprocess-note-" + quarantineId)).sendKeys("contract fixed");
        browser.find(By.id("reprocess-" + quarantineId)).click();

        browser.await(
                "the new task", d -> !d.findElements(By.id("admin-notice")).isEmpty());
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Invoice INV-4713: re-processed");
        assertThat(browser.find(By.id("admin-notice")).getText()).contains("Re-processed from the quarantine");
        UUID taskId = ReviewTasks.awaitTask(execution);
        assertThat(browser.path()).isEqualTo("/tasks/" + taskId);
    }

    private static UUID failedInvalidRequest(String tokenHash) {
        List<?> ids = QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createNativeQuery(
                                "select quarantine_id from outbox where token_hash = ?1 and status = 'FAILED'")
                        .setParameter(1, tokenHash)
                        .getResultList());
        return ids.isEmpty() ? null : (UUID) ids.get(0);
    }

    @Test
    void a_reviewer_sees_no_admin_section_on_the_task_page() {
        StartedExecution execution = startExecution(body -> {});
        UUID taskId = ReviewTasks.awaitTask(execution);

        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");
        browser.awaitElement(By.id("decision-panel"));
        assertThat(browser.findAll(By.id("admin"))).isEmpty();
        assertThat(browser.findAll(By.id("cancel-form"))).isEmpty();
    }
}
