package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.Accessibility;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Redrives;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A reviewer on the review a redrive replaced follows the link to the new one, and back. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class RedriveJourneyTest extends BrowserJourney {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Inject
    SqsClient sqsClient;

    @Inject
    SfnClient sfn;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String reviewQueueUrl;

    @Test
    void the_superseded_review_links_to_the_redriven_one_and_back() throws Exception {
        StartedExecution execution =
                startExecution(body -> body.put("redriveCount", 0).put("title", "Approve the supplier contract"));
        UUID first = ReviewTasks.awaitTask(execution);
        sfn.stopExecution(r -> r.executionArn(execution.executionArn()).error("States.TaskFailed"));
        UUID second = Redrives.askAgain(sqsClient, reviewQueueUrl, execution, body -> body.put("redriveCount", 1));

        browser.go("/tasks/" + first);
        browser.signIn("reviewer", "reviewer");
        browser.awaitElement(By.id("superseded-by"));
        assertThat(browser.find(By.id("status")).getText()).isEqualTo("Cancelled");
        assertThat(Accessibility.seriousViolations(browser))
                .as("superseded page")
                .isEmpty();
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(SCREENSHOTS.resolve("task-superseded.png"));

        browser.find(By.cssSelector("#superseded-by a")).click();
        browser.awaitPath("/tasks/" + second);
        assertThat(browser.find(By.id("supersedes")).getText()).contains("replaces");
        assertThat(browser.find(By.id("decision-form")).isDisplayed()).isTrue();
        browser.find(By.cssSelector("#supersedes a")).click();
        browser.awaitPath("/tasks/" + first);
    }
}
