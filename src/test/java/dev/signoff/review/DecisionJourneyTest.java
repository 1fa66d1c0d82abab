package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.StartedExecution;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Deciding as people really do it: with the keyboard alone, and racing a colleague who decides first. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class DecisionJourneyTest extends BrowserJourney {

    @Test
    void a_reviewer_approves_with_the_keyboard_alone_and_sees_where_the_focus_is() {
        StartedExecution execution = startExecution(body -> body.put("title", "Keyboard approval"));
        UUID taskId = ReviewTasks.awaitTask(execution);
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");
        browser.awaitElement(By.id("decision-form"));

        tabTo("input[name=decision][value=approve]");
        assertThat(focusOutline()).as("the focused control is outlined").isNotEqualTo("none");
        press(Keys.SPACE);
        tabTo("#review");
        press(Keys.ENTER);
        browser.awaitElement(By.id("confirm-form"));
        assertThat(Accessibility.seriousViolations(browser)).as("confirm step").isEmpty();
        tabTo("#confirm");
        press(Keys.ENTER);

        browser.awaitElement(By.id("decision"));
        assertThat(browser.find(By.id("decision")).getText()).contains("Approved", "Riley Reviewer");
        assertThat(ReviewTasks.awaitClosed(execution).output()).contains("\"decision\":\"approved\"");
        assertThat(Accessibility.seriousViolations(browser))
                .as("decided task page")
                .isEmpty();
    }

    @Test
    void a_reviewer_who_confirms_after_a_colleague_decided_is_told_who_won_and_nothing_else_is_sent() {
        StartedExecution execution = startExecution(body -> body.put("title", "Race to decide"));
        UUID taskId = ReviewTasks.awaitTask(execution);
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");
        browser.awaitElement(By.cssSelector("input[name=decision][value=approve]"))
                .click();
        browser.find(By.id("review")).click();
        browser.awaitElement(By.id("confirm-form"));

        assertThat(ReviewTasks.decide("reviewer2", taskId, "reject").statusCode())
                .isEqualTo(200);
        browser.find(By.id("confirm")).click();

        WebElement error = browser.awaitElement(By.id("panel-error"));
        assertThat(error.getText()).contains("Sam Second already decided this review (rejected)");
        assertThat(browser.find(By.id("decision")).getText()).contains("Rejected", "Sam Second");
        ReviewTasks.awaitClosed(execution);
        assertThat(ReviewTasks.appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void deciding_over_a_colleagues_claim_is_asked_about_but_allowed() {
        StartedExecution execution = startExecution(body -> body.put("title", "Claimed by a colleague"));
        UUID taskId = ReviewTasks.awaitTask(execution);
        io.restassured.RestAssured.given()
                .auth()
                .preemptive()
                .basic("reviewer2", "reviewer2")
                .post("/api/tasks/" + taskId + "/claim")
                .then()
                .statusCode(200);
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");

        assertThat(browser.awaitElement(By.cssSelector("#decision-form .claim-warning"))
                        .getText())
                .contains("Sam Second is on it", "over their claim");
        browser.find(By.cssSelector("input[name=decision][value=approve]")).click();
        browser.find(By.id("review")).click();
        assertThat(browser.awaitElement(By.cssSelector("#confirm-form .claim-warning"))
                        .getText())
                .contains("confirming decides over their claim");
        browser.find(By.id("confirm")).click();

        browser.awaitElement(By.id("decision"));
        assertThat(ReviewTasks.awaitClosed(execution).output()).contains("\"decision\":\"approved\"");
    }

    /** Presses Tab until the element matching the selector has the focus; fails if it never gets it. */
    private static void tabTo(String selector) {
        for (int presses = 0; presses < 150; presses++) {
            if (Boolean.TRUE.equals(js("return document.activeElement.matches(arguments[0]);", selector))) {
                return;
            }
            press(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + selector);
    }

    private static void press(CharSequence key) {
        new Actions(browser.driver()).sendKeys(key).perform();
    }

    private static Object focusOutline() {
        return js("return getComputedStyle(document.activeElement).outlineStyle;");
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }
}
