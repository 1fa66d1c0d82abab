package dev.signoff.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.Accessibility;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Patience;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The dashboard as an admin sees it (counts, lists, axe), and that a reviewer neither sees nor opens it. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class AdminDashboardBrowserTest extends BrowserJourney {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Test
    void an_admin_sees_the_counts_and_lists_and_they_pass_axe() throws Exception {
        StartedExecution waiting = startExecution(body -> body.put("title", "Waiting for the dashboard"));
        ReviewTasks.awaitTask(waiting);
        // An invalid request with a readable token: quarantined, its execution failed, its body shown masked.
        StartedExecution invalid = startExecution(body -> body.remove("title"));
        Patience.await().until(() -> Workflows.execution(invalid.executionArn()).status() == ExecutionStatus.FAILED);
        AdminFixtures.task(
                "PENDING",
                StepFunctionsTestResource.clock().instant(),
                StepFunctionsTestResource.clock().instant().minus(Duration.ofHours(2)),
                null,
                null);

        browser.go("/admin");
        browser.signIn("admin", "admin");
        browser.awaitElement(By.id("tiles"));
        assertThat(browser.find(By.cssSelector("#tile-waiting .tile-value")).getText())
                .isNotEqualTo("0");
        assertThat(browser.find(By.cssSelector("#tile-overdue .tile-value")).getText())
                .isNotEqualTo("0");
        assertThat(browser.find(By.cssSelector("#tile-quarantined .tile-value")).getText())
                .isNotEqualTo("0");
        assertThat(browser.find(By.cssSelector("#tile-dead-letters .tile-value"))
                        .getText())
                .matches("[0-9,]+");
        assertThat(browser.find(By.cssSelector("header nav")).getText()).contains("Admin");
        assertThat(Accessibility.seriousViolations(browser)).as("dashboard").isEmpty();
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(SCREENSHOTS.resolve("admin-dashboard.png"));

        browser.find(By.cssSelector("#tile-overdue a")).click();
        browser.awaitElement(By.id("stalled"));
        assertThat(browser.path()).isEqualTo("/admin/stalled");
        assertThat(Accessibility.seriousViolations(browser)).as("stalled list").isEmpty();

        browser.go("/admin/stalled");
        assertThat(browser.find(By.id("stalled")).getText()).contains("Waiting for the dashboard");

        stalledGroupsAndExecutionStatus();

        browser.go("/admin/quarantine");
        browser.awaitElement(By.cssSelector(".quarantined"));
        assertThat(browser.find(By.id("main")).getText()).contains("Signoff.InvalidRequest");
        assertThat(Accessibility.seriousViolations(browser))
                .as("quarantine list")
                .isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("admin-quarantine.png"));

        java.util.UUID failed = AdminFixtures.callback(
                "FAILED", StepFunctionsTestResource.clock().instant());
        browser.go("/admin/failures");
        browser.awaitElement(By.id("failure-" + failed));
        assertThat(Accessibility.seriousViolations(browser)).as("failures list").isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("admin-failures.png"));
        browser.find(By.id("handled-note-" + failed)).sendKeys("answered in the console");
        browser.find(By.cssSelector("#failure-" + failed + " form[action$='/handled'] button"))
                .click();
        browser.await(
                "the handled notice",
                d -> d.findElements(By.cssSelector("p.alert.info")).size() > 0);
        assertThat(browser.findAll(By.id("failure-" + failed))).isEmpty();
        assertThat(AdminFixtures.column("outbox", "handled_note", failed)).isEqualTo("answered in the console");
    }

    /** The stalled list's groups (counts, a filter) and each review's last known execution status. */
    private void stalledGroupsAndExecutionStatus() throws Exception {
        java.time.Instant now = StepFunctionsTestResource.clock().instant();
        for (int i = 0; i < 3; i++) {
            java.util.UUID id = AdminFixtures.task("PENDING", now.minus(Duration.ofHours(30 + i)), null, null, null);
            AdminFixtures.inGroup(id, "loan-approval", "CreditReview", "RUNNING", now.minus(Duration.ofMinutes(i)));
        }
        java.util.UUID redriving = AdminFixtures.task(
                "PENDING", now.minus(Duration.ofHours(50)), null, now.plus(Duration.ofHours(3)), null);
        AdminFixtures.inGroup(redriving, "loan-approval", "FinalSignoff", "PENDING_REDRIVE", now);

        browser.go("/admin/stalled");
        browser.awaitElement(By.id("groups"));
        assertThat(browser.find(By.id("groups")).getText()).contains("loan-approval · CreditReview 3");
        assertThat(browser.find(By.id("stalled")).getText()).contains("RUNNING", "PENDING_REDRIVE", "not checked yet");
        assertThat(Accessibility.seriousViolations(browser))
                .as("stalled list with groups")
                .isEmpty();
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(SCREENSHOTS.resolve("admin-stalled.png"));

        browser.find(By.xpath("//nav[@id='groups']/a[contains(., 'FinalSignoff')]"))
                .click();
        browser.await("the group's page", d -> d.getCurrentUrl().contains("state=FinalSignoff"));
        assertThat(browser.findAll(By.cssSelector("#stalled tbody tr"))).hasSize(1);
        assertThat(browser.find(By.id("stalled")).getText()).contains("PENDING_REDRIVE");
        assertThat(browser.find(By.cssSelector("#groups a[aria-current='page']"))
                        .getText())
                .contains("FinalSignoff");
        // The filter tabs keep the group: near timeout within it is the same one review.
        browser.find(By.linkText("Near timeout")).click();
        String url = browser.await(
                "the filtered group", d -> d.getCurrentUrl().contains("only=near-timeout") ? d.getCurrentUrl() : null);
        assertThat(url).contains("state=FinalSignoff");
        assertThat(browser.findAll(By.cssSelector("#stalled tbody tr"))).hasSize(1);
    }

    @Test
    void a_reviewer_has_no_admin_link_and_is_refused_the_dashboard() {
        browser.go("/inbox");
        browser.signIn("reviewer", "reviewer");
        browser.awaitElement(By.id("main"));
        assertThat(browser.find(By.cssSelector("header nav")).getText()).doesNotContain("Admin");

        browser.go("/admin");
        assertThat(browser.find(By.id("main")).getText()).contains("for admins");
    }
}
