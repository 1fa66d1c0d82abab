package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.testsupport.Accessibility;
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
import org.openqa.selenium.WebElement;

/** The task page for someone who may not decide: no decision form or claim button, and the reason in its place. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class WhoMayDecideBrowserTest extends BrowserJourney {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Test
    void the_requester_sees_why_they_cannot_decide_and_no_form_to_do_it() throws Exception {
        UUID taskId = ReviewTasks.awaitTask(startExecution(body -> {
            body.put("title", "Invoice INV-4714: requested by Riley");
            body.put("requestedBy", "reviewer");
        }));

        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");
        WebElement why = browser.awaitElement(By.id("cannot-decide"));

        assertThat(why.getText()).startsWith("You requested this review, so you cannot decide it");
        assertThat(browser.findAll(By.id("decision-form"))).isEmpty();
        assertThat(browser.findAll(By.id("claim-button"))).isEmpty();
        assertThat(Accessibility.seriousViolations(browser))
                .as("task page of its requester")
                .isEmpty();
        shoot(why, "task-requester-cannot-decide.png");
    }

    @Test
    void an_admin_not_assigned_sees_why_and_an_excluded_user_too() throws Exception {
        UUID taskId = ReviewTasks.awaitTask(startExecution(body -> {
            body.put("title", "Invoice INV-4715: Sam excluded");
            ((ObjectNode) body.get("assignees")).putArray("excludeUsers").add("reviewer2");
        }));

        browser.go("/tasks/" + taskId);
        browser.signIn("admin", "admin");
        WebElement why = browser.awaitElement(By.id("cannot-decide"));
        assertThat(why.getText()).startsWith("You see this review as an admin, but it is not assigned to you");
        assertThat(browser.findAll(By.id("decision-form"))).isEmpty();
        shoot(why, "task-admin-not-assigned.png");

        browser.forgetEverything();
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer2", "reviewer2");
        why = browser.awaitElement(By.id("cannot-decide"));
        assertThat(why.getText()).startsWith("You are excluded from deciding this review");
        assertThat(browser.findAll(By.id("decision-form"))).isEmpty();
        assertThat(Accessibility.seriousViolations(browser))
                .as("task page of an excluded user")
                .isEmpty();
        shoot(why, "task-excluded-cannot-decide.png");
    }

    /** The whole page: the reason sits where the decision form would be. */
    private static void shoot(WebElement element, String name) throws Exception {
        assertThat(element.isDisplayed()).isTrue();
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(SCREENSHOTS.resolve(name));
    }
}
