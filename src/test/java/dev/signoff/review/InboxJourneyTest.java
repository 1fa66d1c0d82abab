package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** A reviewer narrows the inbox in a real browser: the filters swap only the results and the URL keeps them. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class InboxJourneyTest extends BrowserJourney {

    @Inject
    Clock clock;

    @Test
    void a_reviewer_filters_the_inbox_by_severity_and_the_url_keeps_the_view() throws Exception {
        String by = "journey-agent-" + UUID.randomUUID().toString().substring(0, 8);
        UUID critical = task(by, "Wire transfer to a new beneficiary", "critical", Duration.ofHours(-2));
        task(by, "Invoice INV-7 totals differ from the PO", "high", Duration.ofHours(5));
        task(by, "Contract renewal \u202Egnp.exe", "medium", Duration.ofDays(2));
        task(by, "Quarterly summary wording", "info", null);

        browser.go("/inbox");
        browser.signIn("reviewer", "reviewer");
        browser.go("/inbox?requestedBy=" + by + "&sort=severity");
        assertThat(browser.findAll(By.cssSelector("#pending tbody tr"))).hasSize(4);
        Files.createDirectories(Path.of("target/screenshots"));
        browser.screenshot(Path.of("target/screenshots/inbox.png"));

        new Select(browser.find(By.name("severity"))).selectByValue("critical");

        browser.await(
                "the results swapped in place",
                d -> d.findElements(By.cssSelector("#pending tbody tr")).size() == 1);
        assertThat(browser.find(By.cssSelector("#pending a")).getDomAttribute("href"))
                .isEqualTo("/tasks/" + critical);
        assertThat(browser.driver().getCurrentUrl())
                .contains("severity=critical")
                .contains("requestedBy=" + by);
        browser.screenshot(Path.of("target/screenshots/inbox-filtered.png"));

        browser.driver().navigate().refresh();
        assertThat(browser.findAll(By.cssSelector("#pending tbody tr")))
                .as("the bookmarked URL shows the same view")
                .hasSize(1);
    }

    private UUID task(String by, String title, String severity, Duration dueIn) {
        return ReviewTasks.awaitTask(startExecution(body -> {
            body.put("requestedBy", by);
            body.put("title", title);
            ObjectNode finding = body.putArray("findings").addObject();
            finding.put("title", severity + " finding").put("severity", severity);
            if (dueIn != null) {
                body.put("dueAt", clock.instant().plus(dueIn).toString());
            }
        }));
    }
}
