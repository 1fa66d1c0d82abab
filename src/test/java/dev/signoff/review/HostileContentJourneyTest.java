package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Agent text is untrusted. A finding and a summary that try script links and third-party images are opened in a
 * real browser, and the resulting DOM is inspected. The "off-site" host is another loopback address, so even a
 * regression sends nothing off this machine.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class HostileContentJourneyTest extends BrowserJourney {

    private static final String OFF_SITE = "http://127.0.0.2:9";
    private static final String HOSTILE = "Please [verify the supplier](javascript:alert(document.cookie)), or"
            + " [this one](JaVaScRiPt:alert(1)) or <javascript:alert(3)> or [data](data:text/html,hi)."
            + " ![tracking pixel](" + OFF_SITE + "/pixel.png) ![relative pixel](//127.0.0.2:9/p.png)\n\n"
            + "<img src=\"" + OFF_SITE + "/raw.png\" onerror=\"alert(4)\"> <a href=\"javascript:alert(5)\">raw</a>";

    @Test
    void hostile_markdown_renders_without_script_links_or_off_site_images() {
        String title = "Hostile content " + UUID.randomUUID();
        StartedExecution execution = startExecution(body -> {
            body.put("title", title);
            body.put("summary", HOSTILE);
            ObjectNode finding = ((ArrayNode) body.get("findings")).addObject();
            finding.put("title", "Hostile finding");
            finding.put("severity", "low");
            finding.put("detail", HOSTILE);
        });
        UUID taskId = ReviewTasks.awaitTask(execution);
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");
        browser.awaitElement(By.id("decision-form"));

        WebElement finding = browser.findAll(By.cssSelector(".finding")).get(2);
        assertThat(finding.getText()).contains("Hostile finding", "verify the supplier");
        assertThat(finding.getText())
                .as("raw HTML is shown as text, not interpreted")
                .contains("<img src=\"" + OFF_SITE + "/raw.png\"");
        assertThat(browser.find(By.id("summary")).getText()).contains("verify the supplier");

        for (WebElement link : browser.findAll(By.cssSelector("a"))) {
            String href = String.valueOf(link.getDomAttribute("href"));
            String scheme = href.replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
            assertThat(scheme).as("href of '%s'", link.getText()).doesNotStartWith("javascript:");
            assertThat(scheme).as("href of '%s'", link.getText()).doesNotStartWith("data:");
        }
        URI app = URI.create(browser.driver().getCurrentUrl());
        for (WebElement img : browser.findAll(By.tagName("img"))) {
            assertThat(URI.create(img.getDomProperty("src")).getAuthority()).isEqualTo(app.getAuthority());
        }
        assertThat(finding.getText()).contains("[image: tracking pixel]");
        WebElement pixelLink = finding.findElement(By.partialLinkText("[image: tracking pixel]"));
        assertThat(pixelLink.getDomAttribute("href")).isEqualTo(OFF_SITE + "/pixel.png");
        assertThat(pixelLink.getDomAttribute("rel")).contains("noopener", "noreferrer");

        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        assertThat(js.executeScript("return [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
                        + ".filter(a => a.name.startsWith('on')).map(a => a.name)"))
                .as("event handler attributes")
                .isEqualTo(List.of());
        assertThat(js.executeScript("return performance.getEntriesByType('resource')"
                        + ".map(r => new URL(r.name).host).filter(h => h !== location.host)"))
                .as("hosts the page fetched from, other than the app")
                .isEqualTo(List.of());
    }
}
