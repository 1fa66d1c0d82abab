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
import org.openqa.selenium.JavascriptExecutor;

/** Claiming, releasing and commenting in the browser: each updates its section in place, without a reload. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ClaimJourneyTest extends BrowserJourney {

    @Test
    void a_reviewer_claims_comments_and_releases_in_place_and_a_colleague_sees_who_is_on_it() throws Exception {
        StartedExecution execution = startExecution(body -> body.put("title", "Claim me"));
        UUID taskId = ReviewTasks.awaitTask(execution);
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");
        markThisPage();

        browser.awaitElement(By.id("claim-button")).click();
        browser.await(
                "the claim to show",
                d -> d.findElement(By.id("claim-holder")).getText().startsWith("You are on it"));
        browser.find(By.id("comment-body")).sendKeys("Checking the totals against the PDF");
        browser.find(By.cssSelector("#discussion button[type=submit]")).click();
        browser.await(
                "the comment to show",
                d -> d.findElement(By.id("discussion-title")).getText().equals("Discussion (1)"));
        assertThat(browser.find(By.cssSelector("#discussion .comment-body")).getText())
                .isEqualTo("Checking the totals against the PDF");
        assertThat(browser.find(By.id("history")).getText()).contains("Claimed (on it)", "Commented");
        assertThat(pageIsStillTheSame())
                .as("claim and comment swapped their sections, no reload")
                .isTrue();
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        browser.screenshot(shots.resolve("task-page-claimed.png"));

        browser.forgetEverything();
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer2", "reviewer2");
        assertThat(browser.awaitElement(By.id("claim-holder")).getText()).startsWith("Riley Reviewer is on it since");
        assertThat(browser.findAll(By.id("claim-button")))
                .as("no claim over a colleague's")
                .isEmpty();
        assertThat(browser.findAll(By.id("decision-form")))
                .as("a claim never blocks deciding")
                .hasSize(1);

        browser.forgetEverything();
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");
        browser.awaitElement(By.id("release")).click();
        browser.await(
                "the release to show",
                d -> d.findElement(By.id("claim-holder")).getText().equals("Nobody has said they are on it."));
    }

    private static void markThisPage() {
        ((JavascriptExecutor) browser.driver()).executeScript("window.signoffMarker = 'same page';");
    }

    private static boolean pageIsStillTheSame() {
        return "same page"
                .equals(((JavascriptExecutor) browser.driver()).executeScript("return window.signoffMarker;"));
    }
}
