package dev.signoff.artifacts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.DemoArtifacts;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The preview fragment the task page loads for each artifact, against S3Proxy. */
@QuarkusTest
@TestProfile(ArtifactTestProfile.class)
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
class ArtifactPreviewTest {

    @Inject
    ArtifactStore store;

    @Inject
    InMemoryTaskArtifacts tasks;

    private ArtifactRef stored(String fileName, String contentType, byte[] bytes) {
        var ref = new ArtifactRef(S3ProxyTestResource.BUCKET, "preview-test/" + UUID.randomUUID() + "/" + fileName);
        store.put(ref, contentType, bytes);
        return ref;
    }

    private ArtifactRef stored(String fileName, String contentType, String text) {
        return stored(fileName, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static RequestSpecification asReviewer() {
        return given().auth().preemptive().basic(ArtifactTestProfile.REVIEWER, ArtifactTestProfile.REVIEWER_PASSWORD);
    }

    private String fragment(ArtifactRef ref) {
        UUID task = tasks.addTask(ArtifactTestProfile.REVIEWER, ref);
        return asReviewer()
                .header("HX-Request", "true")
                .get("/tasks/{task}/artifacts/0/preview", task)
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .replace("/tasks/" + task + "/", "/tasks/TASK/");
    }

    @Test
    void png_and_webp_previews_are_images_served_by_the_artifact_endpoint() {
        String png = fragment(stored("chart.png", "image/png", DemoArtifacts.read(DemoArtifacts.MARKET_CHART)));
        String webp = fragment(stored("photo.webp", "image/webp", new byte[] {'R', 'I', 'F', 'F'}));

        assertThat(png).contains("<img class=\"artifact-image\" src=\"/tasks/TASK/artifacts/0\"");
        assertThat(webp).contains("<img class=\"artifact-image\" src=\"/tasks/TASK/artifacts/0\"");
        assertThat(png).doesNotContain("<html");
    }

    @Test
    void pdf_preview_is_a_frame_of_the_pdf_as_a_data_url_without_the_sandbox_attribute() {
        byte[] bytes = DemoArtifacts.read(DemoArtifacts.INVOICE_PDF);

        String pdf = fragment(stored("invoice.pdf", "application/pdf", bytes));

        // A data: frame has an opaque origin; Chrome shows no PDF in a frame with the sandbox attribute.
        assertThat(pdf)
                .contains("<iframe class=\"artifact-pdf\" src=\"data:application/pdf;base64,"
                        + java.util.Base64.getEncoder().encodeToString(bytes) + "\"");
        assertThat(pdf).doesNotContain("sandbox=");
    }

    @Test
    void pdf_larger_than_the_inline_limit_is_offered_as_a_download_only() {
        byte[] big = new byte[ArtifactTestProfile.MAX_PREVIEW_BYTES + 1];

        String pdf = fragment(stored("scan.pdf", "application/pdf", big));

        assertThat(pdf).contains("Too large to preview", "download=true").doesNotContain("<iframe");
    }

    @Test
    void csv_preview_is_a_table_of_the_first_rows_with_cells_escaped() {
        String csv = "id,merchant,amount\n1,\"Acme, Inc.\",10.00\n2,<script>alert(1)</script>,20\n"
                + "3,\"said \"\"hi\"\"\nthen left\",30\n4,late,40\n5,later,50\n";

        String html = fragment(stored("transactions.csv", "text/csv", csv));

        assertThat(html).contains("<thead><tr><th><bdi>id</bdi></th><th><bdi>merchant</bdi></th>");
        assertThat(html).contains("<td><bdi>Acme, Inc.</bdi></td>");
        assertThat(html).contains("<td><bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi></td>");
        assertThat(html).doesNotContain("<script>");
        assertThat(html).contains("<td><bdi>said &quot;hi&quot;\nthen left</bdi></td>");
        assertThat(html).doesNotContain("late");
        assertThat(html).contains("Showing 3 of 5 rows.");
    }

    @Test
    void csv_larger_than_the_rendering_limit_shows_its_first_rows_of_at_least_so_many() {
        StringBuilder csv = new StringBuilder("n,square\n");
        for (int i = 0; csv.length() < ArtifactTestProfile.MAX_RENDERED_BYTES * 2; i++) {
            csv.append(i).append(',').append(i * i).append('\n');
        }

        String html = fragment(stored("big.csv", "text/csv", csv.toString()));

        assertThat(html).contains("<td><bdi>2</bdi></td><td><bdi>4</bdi></td>");
        assertThat(html).containsPattern("Showing 3 of [0-9,]+\\+ rows \\(only the first 8\\.0 KiB read\\)");
    }

    @Test
    void json_preview_is_a_collapsible_tree_that_keeps_numbers_as_written() {
        String json = "{\"invoice\":{\"total\":1208.00,\"lines\":[{\"sku\":\"<b>x</b>\"}]},\"ok\":true}";

        String html = fragment(stored("extracted.json", "application/json", json));

        assertThat(html).contains("<div class=\"json-tree\"><details open><summary>");
        assertThat(html).contains("<span class=\"json-key\"><bdi>invoice</bdi></span>");
        assertThat(html).contains("<span class=\"json-number\"><bdi>1208.00</bdi></span>");
        assertThat(html).contains("<span class=\"json-string\"><bdi>&quot;&lt;b&gt;x&lt;/b&gt;&quot;</bdi></span>");
        assertThat(html).contains("<span class=\"json-literal\"><bdi>true</bdi></span>");
        assertThat(html).contains("<details><summary><span class=\"json-key\"><bdi>0</bdi>");
    }

    @Test
    void json_that_does_not_parse_is_shown_as_escaped_text() {
        String html = fragment(stored("broken.json", "application/json", "{\"a\": <img src=x>"));

        assertThat(html)
                .contains(
                        "<pre class=\"artifact-text\" tabindex=\"0\"><bdi>{&quot;a&quot;: &lt;img src=x&gt;</bdi></pre>");
        assertThat(html).contains("Not valid JSON: shown as text.");
    }

    @Test
    void markdown_preview_is_rendered_and_sanitised() {
        String md = "# Policy\n\n| limit | value |\n|---|---|\n| meals | 50 |\n\n<script>alert(1)</script>\n\n"
                + "[click](javascript:alert(1)) ![x](https://attacker.example/p.png)\n";

        String html = fragment(stored("policy.md", "text/markdown", md));

        assertThat(html).contains("<h1>Policy</h1>", "<td>meals</td>");
        assertThat(html).doesNotContain("<script>", "javascript:", "<img");
        assertThat(html).contains("&lt;script&gt;");
    }

    @Test
    void text_preview_is_escaped_in_a_pre_with_hidden_characters_made_visible() {
        String html = fragment(stored("notes.txt", "text/plain; charset=utf-8", "a < b\r\nfile\u202Egnp.exe"));

        assertThat(html)
                .contains("<pre class=\"artifact-text\" tabindex=\"0\"><bdi>a &lt; b\nfile<span class=\"hidden-char\"");
        assertThat(html).doesNotContain("\u202E");
    }

    @Test
    void text_larger_than_the_rendering_limit_says_so_and_offers_the_download() {
        String html =
                fragment(stored("huge.log", "text/plain", "x".repeat(ArtifactTestProfile.MAX_RENDERED_BYTES + 1)));

        assertThat(html).contains("Too large to preview (8.0 KiB; previews stop at 8.0 KiB)");
        assertThat(html).contains("href=\"/tasks/TASK/artifacts/0?download=true\"");
        assertThat(html).doesNotContain("xxxx");
    }

    @Test
    void html_and_svg_are_never_rendered_inline_only_offered_as_downloads() {
        String html = fragment(stored("report.html", "text/html", "<h1>hi</h1><script>alert(1)</script>"));
        String svg = fragment(stored("chart.svg", "image/svg+xml", "<svg onload=\"alert(1)\"/>"));

        for (String fragment : new String[] {html, svg}) {
            assertThat(fragment).contains("No preview for this type", "download=true");
            assertThat(fragment).doesNotContain("<iframe", "<img", "<svg", "<script", "<h1>hi");
        }
    }

    @Test
    void missing_object_is_a_clear_message_where_the_preview_would_be() {
        var missing = new ArtifactRef(S3ProxyTestResource.BUCKET, "preview-test/" + UUID.randomUUID() + "/gone.pdf");

        String html = fragment(missing);

        assertThat(html).contains("class=\"artifact-notice\"", "This artifact is missing");
        assertThat(html).doesNotContain("<iframe");
    }

    @Test
    void artifact_in_a_bucket_outside_the_allowlist_is_a_message_not_a_call_to_s3() {
        var foreign = new ArtifactRef(S3ProxyTestResource.FOREIGN_BUCKET, "x/" + UUID.randomUUID() + ".pdf");

        String html = fragment(foreign);

        assertThat(html).contains("Not shown: its bucket is not in signoff.artifacts.allowed-buckets.");
    }

    @Test
    void without_htmx_the_preview_is_a_page_of_its_own_with_a_way_back() {
        UUID task = tasks.addTask(ArtifactTestProfile.REVIEWER, stored("notes.txt", "text/plain", "plain notes"));

        String page = asReviewer()
                .get("/tasks/{task}/artifacts/0/preview", task)
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(page).contains("<!DOCTYPE html>", "plain notes", "href=\"/tasks/" + task + "#artifact-0\"");
    }

    @Test
    void preview_of_a_task_the_reviewer_may_not_see_is_not_found() {
        UUID task = tasks.addTask(ArtifactTestProfile.REVIEWER, stored("notes.txt", "text/plain", "secret notes"));

        String body = given().auth()
                .preemptive()
                .basic(ArtifactTestProfile.OTHER_REVIEWER, ArtifactTestProfile.OTHER_PASSWORD)
                .get("/tasks/{task}/artifacts/0/preview", task)
                .then()
                .statusCode(404)
                .extract()
                .asString();

        assertThat(body).doesNotContain("secret notes");
    }
}
