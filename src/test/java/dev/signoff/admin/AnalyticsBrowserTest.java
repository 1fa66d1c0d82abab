package dev.signoff.admin;

import static dev.signoff.admin.AnalyticsFixtures.closed;
import static dev.signoff.admin.AnalyticsFixtures.decided;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.Accessibility;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The analytics page as an admin reads it (figures, charts, filter, axe, screenshot), and that a reviewer cannot. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class AnalyticsBrowserTest extends BrowserJourney {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String[] OUTCOMES = {"APPROVE", "APPROVE", "APPROVE", "REJECT", "REQUEST_CHANGES"};

    @Test
    void an_admin_reads_the_figures_and_charts_filters_by_workflow_and_they_pass_axe() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String documents = "document-processing-" + suffix;
        String compliance = "compliance-review-" + suffix;
        String research = "multi-day-research-" + suffix;
        // A week of work inside the default window (today, UTC, and the six days before), whatever the hour: each
        // "day" is a seventh of the time since the window opened. Documents take minutes, compliance hours, research
        // days.
        Instant now = StepFunctionsTestResource.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Instant opened = AnalyticsWindow.WEEK.from(now);
        Duration day = Duration.between(opened, now).dividedBy(7);
        for (int d = 0; d < 7; d++) {
            Instant morning = opened.plus(day.multipliedBy(d)).plus(Duration.ofMinutes(10));
            for (int i = 0; i < 2 + d % 3; i++) {
                Instant at = morning.plus(Duration.ofMinutes(7L * i));
                decided(documents, at, at.plus(Duration.ofMinutes(3 + 4L * i)), OUTCOMES[i % 5], i == 1);
            }
            decided(compliance, morning, morning.plus(Duration.ofMinutes(50L + 40 * d)), OUTCOMES[d % 5], false);
            if (d % 3 == 0) {
                closed(compliance, "EXPIRED", morning, morning.plus(Duration.ofHours(6)));
            }
        }
        Instant first = opened.plus(Duration.ofMinutes(10));
        decided(research, first, first.plus(Duration.ofDays(2)), "APPROVE", true);
        decided(research, first, first.plus(Duration.ofDays(4)), "REQUEST_CHANGES", false);
        closed(research, "CANCELLED", first, first.plus(Duration.ofDays(1)));

        browser.go("/admin");
        browser.signIn("admin", "admin");
        browser.awaitElement(By.id("tiles"));
        browser.find(By.linkText("Analytics")).click();
        browser.awaitElement(By.id("figures"));
        assertThat(browser.path()).isEqualTo("/admin/analytics");
        assertThat(browser.find(By.cssSelector(".tabs[aria-label=Window] a[aria-current=page]"))
                        .getText())
                .isEqualTo("Last 7 days");
        assertThat(browser.find(By.id("figures")).getText()).contains(documents, compliance, research);
        for (String chart : new String[] {"activity-chart", "outcome-chart", "distribution-chart"}) {
            WebElement svg = browser.find(By.id(chart));
            assertThat(svg.getAttribute("role")).isEqualTo("img");
            assertThat(svg.findElements(By.tagName("rect"))).as(chart).isNotEmpty();
        }
        openTables();
        assertThat(browser.findAll(By.cssSelector("#activity tbody tr"))).hasSize(7);
        assertThat(Accessibility.seriousViolations(browser))
                .as("analytics, all workflows")
                .isEmpty();
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(SCREENSHOTS.resolve("admin-analytics.png"));

        new Select(browser.find(By.id("workflow"))).selectByVisibleText(compliance);
        browser.find(By.cssSelector(".analytics-filter button")).click();
        browser.await("the filtered page", d -> d.getCurrentUrl().contains("workflow=" + compliance));
        assertThat(browser.findAll(By.cssSelector("#figures tbody tr"))).hasSize(1);
        // Seven decisions of 50, 90, ... 290 minutes; three of the ten closed reviews expired.
        assertThat(browser.find(By.cssSelector("#figures tbody tr")).getText())
                .contains(compliance, "2 h 50 min", "30%\n3 of 10");
        browser.find(By.linkText("Last 30 days")).click();
        browser.await("the 30-day window", d -> d.getCurrentUrl().contains("window=30d"));
        assertThat(browser.driver().getCurrentUrl()).contains("workflow=" + compliance);
        openTables();
        assertThat(browser.findAll(By.cssSelector("#activity tbody tr"))).hasSize(30);
        assertThat(Accessibility.seriousViolations(browser))
                .as("analytics, one workflow")
                .isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("admin-analytics-workflow.png"));
    }

    @Test
    void a_reviewer_is_refused_the_analytics_page() {
        browser.go("/inbox");
        browser.signIn("reviewer", "reviewer");
        browser.awaitElement(By.id("main"));

        browser.go("/admin/analytics");
        assertThat(browser.find(By.id("main")).getText()).contains("for admins");
        assertThat(browser.findAll(By.id("figures"))).isEmpty();
    }

    private void openTables() {
        for (WebElement summary : browser.findAll(By.cssSelector(".chart-card details summary"))) {
            summary.click();
        }
    }
}
