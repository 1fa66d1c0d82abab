package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The sanitizer corpus (src/test/resources/xss/payloads.txt: script tags, event handlers, javascript:, data: and
 * vbscript: URLs, SVG and MathML tricks, CSS, remote images, template syntax, bidi and invisible characters) goes
 * through every agent-supplied field a page shows, and the pages are opened in Chromium. Each payload calls
 * {@code signoffXss(n)} if it ever runs. Before any page script, the browser is told to record such calls, every
 * {@code alert}, and every Content-Security-Policy violation: the CSP would block an injected inline script, so a
 * violation means markup got through even though nothing ran.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class XssCorpusJourneyTest extends BrowserJourney {

    private static final String RECORDER = "window.signoffRan = [];"
            + "window.signoffXss = n => window.signoffRan.push('payload ' + n);"
            + "window.alert = window.confirm = window.prompt = m => window.signoffRan.push('dialog ' + m);"
            + "document.addEventListener('securitypolicyviolation', e => window.signoffRan.push("
            + "'csp ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));";

    private static List<String> payloads;

    @BeforeAll
    static void readCorpus() throws IOException {
        try (InputStream in = XssCorpusJourneyTest.class.getResourceAsStream("/xss/payloads.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            payloads = IntStream.range(0, lines.size())
                    .mapToObj(i -> lines.get(i).replace("NNN", String.valueOf(i + 1)))
                    .toList();
        }
        assertThat(payloads).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void no_payload_runs_or_injects_markup_in_the_inbox_or_on_the_task_page() {
        String requester = "xss-corpus-" + UUID.randomUUID();
        List<UUID> titled = new ArrayList<>();
        for (String payload : payloads) {
            titled.add(ReviewTasks.awaitTask(
                    startExecution(body -> body.put("title", payload).put("requestedBy", requester))));
        }
        UUID everywhere = ReviewTasks.awaitTask(startExecution(this::putEverywhere));
        ((ChromeDriver) browser.driver())
                .executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));

        browser.go("/inbox");
        browser.signIn("reviewer", "reviewer");
        // Other tests' reviews share the inbox: this run's come on one page of their own.
        browser.go("/inbox?requestedBy=" + requester + "&size=100");
        assertThat(browser.findAll(org.openqa.selenium.By.cssSelector("#pending tbody tr")))
                .hasSize(payloads.size());
        assertNothingRan("/inbox");

        for (UUID taskId : List.of(everywhere, titled.get(1), titled.get(31))) {
            browser.go("/tasks/" + taskId);
            assertNothingRan("/tasks/" + taskId);
        }
    }

    /** Every field a page shows carries payloads: summary, findings, artifact labels, metadata, requester. */
    private void putEverywhere(ObjectNode body) {
        body.put("title", "Every field hostile");
        body.put("summary", String.join("\n\n", payloads));
        body.put("requestedBy", payloads.get(1));
        ArrayNode findings = body.putArray("findings");
        ArrayNode artifacts = body.putArray("artifacts");
        ObjectNode metadata = body.putObject("metadata");
        for (int i = 0; i < payloads.size(); i++) {
            String payload = payloads.get(i);
            ObjectNode finding = findings.addObject()
                    .put("title", payload)
                    .put(
                            "severity",
                            List.of("info", "low", "medium", "high", "critical").get(i % 5))
                    .put("detail", payload);
            // A request has at most 50 artifacts; a finding may cite only those.
            if (i < 50) {
                finding.putArray("artifactRefs").add(payload);
                artifacts
                        .addObject()
                        .put("uri", "s3://signoff-test-artifacts/hostile/" + i + ".txt")
                        .put("label", payload)
                        .put("contentType", "text/plain");
                metadata.put("p" + i, payload);
            }
        }
    }

    private static void assertNothingRan(String page) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        browser.await("the page to load", d -> "complete".equals(js.executeScript("return document.readyState")));
        // Event handlers such as onfocus, onload or animation onbegin would have fired by now; give the event loop
        // one turn so queued ones run before looking.
        js.executeAsyncScript("const done = arguments[arguments.length - 1]; setTimeout(done, 0);");
        assertThat(js.executeScript("return window.signoffRan"))
                .as("what ran on %s", page)
                .isEqualTo(List.of());
        assertThat(js.executeScript("return [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
                        + ".filter(a => a.name.startsWith('on')).map(a => a.name)"))
                .as("event handler attributes on %s", page)
                .isEqualTo(List.of());
        assertThat(js.executeScript("return [...document.querySelectorAll('main script, main iframe, main object,"
                        + " main embed, main svg, main math, main style, main link, main meta, main base, main img')]"
                        + ".map(e => e.outerHTML)"))
                .as("elements from the payloads on %s", page)
                .isEqualTo(List.of());
        assertThat(
                        js.executeScript(
                                "return [...document.querySelectorAll('[href], [src], [action]')]"
                                        + ".map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || '')"
                                        + ".filter(u => /^\\s*(javascript|data|vbscript):/i.test(u.replace(/[\\s\\u0000-\\u001f]/g, '')))"))
                .as("script URLs on %s", page)
                .isEqualTo(List.of());
        assertThat(js.executeScript("return performance.getEntriesByType('resource')"
                        + ".map(r => new URL(r.name).host).filter(h => h !== location.host)"))
                .as("hosts %s fetched from, other than the app", page)
                .isEqualTo(List.of());
    }
}
