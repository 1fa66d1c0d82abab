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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** Who gets in, who sees what, and that signing out really ends the session. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class AccessJourneyTest extends BrowserJourney {

    @Test
    void an_outsider_sees_an_empty_inbox_and_a_not_found_page_for_the_task() {
        StartedExecution execution = startExecution(body -> body.put("title", "Not for outsiders"));
        UUID taskId = ReviewTasks.awaitTask(execution);

        browser.go("/tasks/" + taskId);
        assertThat(browser.path()).isEqualTo("/login");
        browser.signIn("outsider", "outsider");

        assertThat(browser.path()).isEqualTo("/tasks/" + taskId);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(browser.driver().getTitle()).startsWith("Not found");
        assertThat(browser.driver().getPageSource()).doesNotContain("Not for outsiders");
        assertThat(statusSeenByTheBrowser("/tasks/" + taskId)).isEqualTo(404);

        browser.find(By.linkText("Back to the inbox")).click();
        browser.awaitPath("/inbox");
        assertThat(browser.awaitElement(By.cssSelector("main .card")).getText())
                .isEqualTo("Nothing is waiting for your review.");
        assertThat(browser.findAll(By.cssSelector("a[href^='/tasks/']"))).isEmpty();
        assertThat(browser.find(By.cssSelector(".top .me")).getText()).isEqualTo("Otto Outsider");
    }

    @Test
    void signing_out_returns_to_the_login_page_and_neither_back_nor_the_inbox_shows_a_review_again() {
        StartedExecution execution = startExecution(body -> body.put("title", "Seen before signing out"));
        UUID taskId = ReviewTasks.awaitTask(execution);
        browser.go("/inbox");
        browser.signIn("reviewer", "reviewer");
        // Other tests' open reviews may fill the first page: a search finds this one, as a reviewer would.
        browser.go("/inbox?q=seen+before+signing+out");
        assertThat(browser.find(By.cssSelector("#pending a[href='/tasks/" + taskId + "']"))
                        .getText())
                .isEqualTo("Seen before signing out");

        browser.find(By.cssSelector("#pending a[href='/tasks/" + taskId + "']")).click();
        browser.awaitElement(By.id("decision-form"));
        browser.find(By.cssSelector(".top form[action='/logout'] button")).click();

        browser.awaitPath("/login");
        assertThat(browser.awaitElement(By.id("j_username")).isDisplayed()).isTrue();
        assertThat(browser.driver().manage().getCookies()).isEmpty();
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return Object.keys(localStorage)"))
                .as("pages kept in local storage")
                .isEqualTo(List.of());
        browser.driver().navigate().back();
        browser.awaitPath("/login");
        assertThat(browser.driver().getPageSource()).doesNotContain("Seen before signing out");
        browser.go("/inbox");
        assertThat(browser.path()).isEqualTo("/login");
        browser.go("/tasks/" + taskId);
        assertThat(browser.path()).isEqualTo("/login");
    }

    private static long statusSeenByTheBrowser(String path) {
        Object status = ((JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " fetch(arguments[0], {redirect: 'manual'}).then(r => done(r.status));",
                        path);
        return (Long) status;
    }
}
