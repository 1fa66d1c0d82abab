package dev.signoff.admin;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The audit page as an admin uses it: the tab, the filter form, the table and export links, and axe. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class AuditTrailBrowserTest extends BrowserJourney {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Test
    void an_admin_filters_the_trail_by_task_and_it_passes_axe() throws Exception {
        StartedExecution execution = startExecution(body -> body.put("title", "Audited invoice"));
        UUID taskId = ReviewTasks.awaitTask(execution);
        AuditTrailTest.event(
                StepFunctionsTestResource.clock().instant(),
                "reviewer",
                taskId,
                "COMMENTED",
                "=HYPERLINK(\"http://example.com\") stays text, \"quoted\", on\ntwo lines");

        browser.go("/admin/audit");
        browser.signIn("admin", "admin");
        browser.awaitElement(By.id("audit-filters"));
        assertThat(browser.find(By.cssSelector("nav.tabs [aria-current=page]")).getText())
                .isEqualTo("Audit trail");
        assertThat(browser.find(By.id("audit")).getText()).contains("Received").contains(taskId.toString());

        browser.find(By.name("task")).sendKeys(taskId.toString());
        browser.find(By.cssSelector("#audit-filters button[type=submit]")).click();
        browser.await("filtered by task", d -> d.getCurrentUrl().contains("task=" + taskId));
        String table = browser.find(By.id("audit")).getText();
        assertThat(table).contains("Received").contains("Commented").doesNotContain("Signed in");
        assertThat(browser.find(By.id("export-csv")).getAttribute("href"))
                .endsWith("/admin/audit/export.csv?task=" + taskId);
        assertThat(browser.find(By.id("export-jsonl")).getAttribute("href"))
                .endsWith("/admin/audit/export.jsonl?task=" + taskId);
        assertThat(Accessibility.seriousViolations(browser)).as("audit page").isEmpty();
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(SCREENSHOTS.resolve("admin-audit.png"));
    }
}
