package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.Accessibility;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/** axe-core finds no serious or critical WCAG 2.1 AA violation on the pages reviewers use, wide and phone-sized. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class AccessibilityJourneyTest extends BrowserJourney {

    @Test
    void the_login_inbox_task_and_error_pages_pass_axe() {
        UUID taskId = ReviewTasks.awaitTask(startExecution(body -> body.put("title", "Accessible review")));

        browser.go("/inbox");
        assertThat(Accessibility.seriousViolations(browser)).as("login page").isEmpty();
        browser.signIn("reviewer", "reviewer");
        browser.awaitElement(By.id("main"));
        assertThat(Accessibility.seriousViolations(browser)).as("inbox").isEmpty();

        browser.go("/tasks/" + taskId);
        browser.awaitElement(By.id("claim"));
        assertThat(Accessibility.seriousViolations(browser)).as("task page").isEmpty();

        browser.go("/tasks/" + UUID.randomUUID());
        assertThat(Accessibility.seriousViolations(browser))
                .as("not-found page")
                .isEmpty();
    }

    @Test
    void the_inbox_and_task_page_pass_axe_on_a_phone_sized_screen() {
        UUID taskId = ReviewTasks.awaitTask(startExecution(body -> body.put("title", "Accessible on a phone")));
        Dimension before = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        try {
            browser.go("/tasks/" + taskId);
            browser.signIn("reviewer", "reviewer");
            browser.awaitElement(By.id("claim"));
            assertThat(Accessibility.seriousViolations(browser)).as("task page").isEmpty();
            Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1");
            assertThat(overflow).as("the page scrolls sideways").isEqualTo(false);

            browser.go("/inbox");
            assertThat(Accessibility.seriousViolations(browser)).as("inbox").isEmpty();
        } finally {
            browser.driver().manage().window().setSize(before);
        }
    }
}
