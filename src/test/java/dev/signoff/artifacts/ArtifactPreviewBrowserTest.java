package dev.signoff.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.sandbox.DemoArtifacts;
import dev.signoff.sandbox.DemoArtifacts.DemoArtifact;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The task page's artifact previews in Debian's Chromium: a PDF in the browser's viewer, an image, a CSV table. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ArtifactPreviewBrowserTest extends BrowserJourney {

    @Inject
    ArtifactStore store;

    @Test
    void pdf_image_and_csv_previews_show_and_refused_artifacts_are_flagged_on_the_page() throws Exception {
        String prefix = "browser/" + UUID.randomUUID() + "/";
        UUID taskId = ReviewTasks.awaitTask(startExecution(body -> {
            ArrayNode artifacts = body.putArray("artifacts");
            add(artifacts, "invoice", prefix, DemoArtifacts.INVOICE_PDF);
            add(artifacts, "market chart", prefix, DemoArtifacts.MARKET_CHART);
            add(artifacts, "transactions", prefix, DemoArtifacts.TRANSACTIONS);
            artifacts
                    .addObject()
                    .put("uri", "s3://" + S3ProxyTestResource.FOREIGN_BUCKET + "/x/secret.pdf")
                    .put("label", "elsewhere");
            artifacts
                    .addObject()
                    .put("uri", "s3://" + S3ProxyTestResource.BUCKET + "/" + prefix + "%2e%2e/%2e%2e/secret.pdf")
                    .put("label", "climber");
        }));

        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");
        browser.go("/tasks/" + taskId);
        assertThat(browser.findAll(By.cssSelector("#artifacts .artifact-preview a[href$='/preview']")))
                .as("each allowed artifact offers a preview page for when JavaScript is off")
                .hasSize(3);
        // Previews load as they scroll into view, as a reviewer reading down the page brings them.
        WebElement frame = reveal(0, "iframe.artifact-pdf");
        WebElement image = reveal(1, "img.artifact-image");
        browser.await(
                "the chart to load",
                d -> Boolean.TRUE.equals(
                        script(
                                "const i = document.querySelector('#artifact-1-preview img'); return i.complete && i.naturalWidth > 0;")));
        assertThat(image.getDomAttribute("src")).isEqualTo("/tasks/" + taskId + "/artifacts/1");
        WebElement csv = reveal(2, "table.csv");
        assertThat(csv.findElements(By.cssSelector("thead th"))).isNotEmpty();
        assertThat(csv.findElements(By.cssSelector("tbody tr"))).isNotEmpty();
        assertThat(browser.find(By.cssSelector("#artifact-2-preview .artifact-note"))
                        .getText())
                .startsWith("Showing ");

        // The PDF frame (a data: URL) has an opaque origin, not Signoff's: the page cannot reach into it...
        assertThat(script("return document.querySelector('iframe.artifact-pdf').contentDocument === null;"))
                .isEqualTo(Boolean.TRUE);
        // ...and Chromium still shows it in its own viewer (dark surround, white page) rather than a "blocked" page.
        browser.await("the PDF viewer to show the page", d -> looksLikeThePdfViewer(frame));

        assertThat(browser.find(By.cssSelector("#artifact-3")).getText()).contains("elsewhere");
        assertThat(browser.findAll(By.cssSelector("#artifact-3 a"))).isEmpty();
        assertThat(texts("#artifacts .artifact-refused"))
                .containsExactly(
                        "Signoff will not open this artifact: its bucket is not in signoff.artifacts.allowed-buckets.",
                        "Signoff will not open this artifact: path traversal in the artifact key.");

        assertThat(dev.signoff.testsupport.Accessibility.seriousViolations(browser))
                .as("the task page with its previews")
                .isEmpty();
        Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
        browser.screenshot(screenshots.resolve("task-artifacts.png"));
    }

    private void add(ArrayNode artifacts, String label, String prefix, DemoArtifact demo) {
        var ref = new ArtifactRef(S3ProxyTestResource.BUCKET, prefix + demo.key());
        store.put(ref, demo.contentType(), DemoArtifacts.read(demo));
        ObjectNode artifact = artifacts.addObject();
        artifact.put("uri", ref.uri()).put("label", label).put("contentType", demo.contentType());
        artifact.put("sizeBytes", DemoArtifacts.read(demo).length);
    }

    /* The blocked-plugin page is light grey with an icon; the viewer is mostly dark grey around a white page. */
    private static boolean looksLikeThePdfViewer(WebElement frame) {
        try {
            var shot = javax.imageio.ImageIO.read(
                    new java.io.ByteArrayInputStream(frame.getScreenshotAs(org.openqa.selenium.OutputType.BYTES)));
            long dark = 0;
            long white = 0;
            long all = (long) shot.getWidth() * shot.getHeight();
            for (int y = 0; y < shot.getHeight(); y++) {
                for (int x = 0; x < shot.getWidth(); x++) {
                    int rgb = shot.getRGB(x, y);
                    int brightness = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
                    dark += brightness < 80 ? 1 : 0;
                    white += brightness > 245 ? 1 : 0;
                }
            }
            return dark > all / 5 && white > all / 10;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private WebElement reveal(int index, String css) {
        script("document.querySelector('#artifact-" + index + " + .artifact-preview-row').scrollIntoView();");
        return browser.awaitElement(By.cssSelector("#artifact-" + index + "-preview " + css));
    }

    private Object script(String js) {
        return browser.driver() instanceof org.openqa.selenium.JavascriptExecutor executor
                ? executor.executeScript(js)
                : null;
    }

    private java.util.List<String> texts(String css) {
        return browser.findAll(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .toList();
    }
}
