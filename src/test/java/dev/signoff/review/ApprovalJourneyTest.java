package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Two approvals in the browser: the first approver is told it waits, the page shows who approved, the second decides. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ApprovalJourneyTest extends BrowserJourney {

    @Test
    void the_first_approver_sees_one_of_two_approvals_and_the_second_approval_decides() throws Exception {
        StartedExecution execution = startExecution(body -> {
            body.put("title", "Pay invoice INV-4711 (two approvals)");
            body.putObject("approval").put("required", 2);
        });
        UUID taskId = ReviewTasks.awaitTask(execution);
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");
        assertThat(browser.awaitElement(By.id("approval-count")).getText()).isEqualTo("0 of 2 approvals");

        approve();
        assertThat(browser.awaitElement(By.id("approval-waits")).getText())
                .startsWith("Confirming records your approval; it does not decide yet.");
        browser.find(By.id("confirm")).click();

        browser.await(
                "the approval to show",
                d -> d.findElement(By.id("approval-count")).getText().equals("1 of 2 approvals"));
        assertThat(browser.find(By.id("approval-list")).getText()).contains("Riley Reviewer approved at");
        assertThat(browser.find(By.id("cannot-decide")).getText())
                .startsWith("You approved this review at")
                .contains("still needed: 1 more approval", "The same person never counts twice.");
        assertThat(browser.findAll(By.id("decision-form")))
                .as("no second approval")
                .isEmpty();
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        browser.screenshot(shots.resolve("task-page-one-of-two-approvals.png"));

        browser.forgetEverything();
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer2", "reviewer2");
        assertThat(browser.awaitElement(By.id("approved-output-note")).getText())
                .contains("This is the output approved so far (1 of 2 approvals)");
        approve();
        assertThat(browser.findAll(By.id("approval-waits")))
                .as("this approval decides")
                .isEmpty();
        assertThat(browser.find(By.id("callback-preview")).getText()).contains("\"approvals\"", "Riley Reviewer");
        browser.find(By.id("confirm")).click();

        browser.awaitElement(By.id("decision"));
        assertThat(browser.find(By.id("approval-count")).getText()).isEqualTo("2 of 2 approvals");
        assertThat(ReviewTasks.awaitClosed(execution).output()).contains("\"approvals\"");
    }

    private static void approve() {
        browser.awaitElement(By.cssSelector("input[name=decision][value=approve]"))
                .click();
        browser.find(By.id("review")).click();
        browser.awaitElement(By.id("confirm"));
    }
}
