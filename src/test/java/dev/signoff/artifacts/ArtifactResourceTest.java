package dev.signoff.artifacts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

@QuarkusTest
@TestProfile(ArtifactTestProfile.class)
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
class ArtifactResourceTest {

    private static final String HOSTILE_HTML =
            "<html><body><script>fetch('/decisions',{method:'POST'})</script></body></html>";

    @Inject
    ArtifactStore store;

    @Inject
    InMemoryTaskArtifacts tasks;

    @ConfigProperty(name = "quarkus.s3.endpoint-override")
    String s3Endpoint;

    private ArtifactRef stored(String fileName, String contentType, byte[] bytes) {
        var ref = new ArtifactRef(S3ProxyTestResource.BUCKET, "resource-test/" + UUID.randomUUID() + "/" + fileName);
        store.put(ref, contentType, bytes);
        return ref;
    }

    private static RequestSpecification asReviewer() {
        return given().auth().preemptive().basic(ArtifactTestProfile.REVIEWER, ArtifactTestProfile.REVIEWER_PASSWORD);
    }

    @Test
    void pdf_streams_inline_with_exact_bytes_and_protective_headers() {
        byte[] pdf = DemoArtifacts.read(DemoArtifacts.INVOICE_PDF);
        UUID task = tasks.addTask(
                ArtifactTestProfile.REVIEWER,
                stored("notes.txt", "text/plain", new byte[] {1}),
                stored("invoice.pdf", "application/pdf", pdf));

        byte[] body = asReviewer()
                .get("/tasks/{task}/artifacts/{index}", task, 1)
                .then()
                .statusCode(200)
                .header("Content-Type", "application/pdf")
                .header("Content-Length", String.valueOf(pdf.length))
                .header("Content-Disposition", startsWith("inline; filename=\"invoice.pdf\""))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", containsString("private"))
                .header("Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'none'")
                .extract()
                .asByteArray();

        assertThat(body).isEqualTo(pdf);
    }

    @Test
    void head_answers_the_download_headers_without_a_body() {
        byte[] pdf = DemoArtifacts.read(DemoArtifacts.INVOICE_PDF);
        UUID task = tasks.addTask(ArtifactTestProfile.REVIEWER, stored("invoice.pdf", "application/pdf", pdf));

        byte[] body = asReviewer()
                .head("/tasks/{task}/artifacts/0", task)
                .then()
                .statusCode(200)
                .header("Content-Type", "application/pdf")
                .header("Content-Length", String.valueOf(pdf.length))
                .header("X-Content-Type-Options", "nosniff")
                .extract()
                .asByteArray();

        assertThat(body).isEmpty();
    }

    @Test
    void html_downloads_as_a_sandboxed_attachment() {
        UUID task = tasks.addTask(
                ArtifactTestProfile.REVIEWER,
                stored("report.html", "text/html", HOSTILE_HTML.getBytes(StandardCharsets.UTF_8)));

        String body = asReviewer()
                .get("/tasks/{task}/artifacts/0", task)
                .then()
                .statusCode(200)
                .header("Content-Type", startsWith("text/html"))
                .header("Content-Disposition", startsWith("attachment; filename=\"report.html\""))
                .header("Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .extract()
                .asString();

        assertThat(body).isEqualTo(HOSTILE_HTML);
    }

    @Test
    void svg_downloads_as_a_sandboxed_attachment() {
        UUID task = tasks.addTask(
                ArtifactTestProfile.REVIEWER,
                stored("chart.svg", "image/svg+xml", "<svg onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8)));

        asReviewer()
                .get("/tasks/{task}/artifacts/0", task)
                .then()
                .statusCode(200)
                .header("Content-Disposition", startsWith("attachment;"))
                .header("Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void download_parameter_and_oversized_artifacts_turn_inline_types_into_attachments() {
        UUID task = tasks.addTask(
                ArtifactTestProfile.REVIEWER,
                stored("chart.png", "image/png", DemoArtifacts.read(DemoArtifacts.MARKET_CHART)),
                stored("huge.csv", "text/csv", new byte[ArtifactTestProfile.MAX_PREVIEW_BYTES + 1]));

        asReviewer()
                .queryParam("download", true)
                .get("/tasks/{task}/artifacts/0", task)
                .then()
                .statusCode(200)
                .header("Content-Disposition", startsWith("attachment;"));
        asReviewer()
                .get("/tasks/{task}/artifacts/1", task)
                .then()
                .statusCode(200)
                .header("Content-Disposition", startsWith("attachment;"))
                .header("Content-Length", String.valueOf(ArtifactTestProfile.MAX_PREVIEW_BYTES + 1));
    }

    @Test
    void artifact_in_a_bucket_outside_the_allowed_list_is_refused() {
        var foreign = new ArtifactRef(S3ProxyTestResource.FOREIGN_BUCKET, "secret/" + UUID.randomUUID() + ".txt");
        try (var fixtures = S3ProxyTestResource.fixtureClient(s3Endpoint)) {
            fixtures.putObject(r -> r.bucket(foreign.bucket()).key(foreign.key()), RequestBody.fromString("secret"));
        }
        UUID task = tasks.addTask(ArtifactTestProfile.REVIEWER, foreign);

        asReviewer()
                .get("/tasks/{task}/artifacts/0", task)
                .then()
                .statusCode(403)
                .body(not(containsString("secret")))
                .body(not(containsString("Exception")));
    }

    @Test
    void missing_object_is_a_clean_404_without_a_stack_trace() {
        var missing = new ArtifactRef(S3ProxyTestResource.BUCKET, "resource-test/" + UUID.randomUUID() + "/gone.pdf");
        UUID task = tasks.addTask(ArtifactTestProfile.REVIEWER, missing);

        String body = asReviewer()
                .get("/tasks/{task}/artifacts/0", task)
                .then()
                .statusCode(404)
                .header("Content-Type", startsWith("text/plain"))
                .extract()
                .asString();

        assertThat(body).isEqualTo("Artifact not found.\n");
    }

    @Test
    void unknown_task_index_out_of_range_and_other_reviewers_task_all_look_like_404() {
        UUID task = tasks.addTask(
                ArtifactTestProfile.REVIEWER, stored("a.txt", "text/plain", "a".getBytes(StandardCharsets.UTF_8)));

        asReviewer().get("/tasks/{task}/artifacts/0", UUID.randomUUID()).then().statusCode(404);
        asReviewer().get("/tasks/{task}/artifacts/1", task).then().statusCode(404);
        asReviewer().get("/tasks/{task}/artifacts/-1", task).then().statusCode(404);
        given().auth()
                .preemptive()
                .basic(ArtifactTestProfile.OTHER_REVIEWER, ArtifactTestProfile.OTHER_PASSWORD)
                .get("/tasks/{task}/artifacts/0", task)
                .then()
                .statusCode(404)
                .body(equalTo("Artifact not found.\n"));
    }

    @Test
    void anonymous_request_is_sent_to_sign_in_without_the_artifact() {
        UUID task = tasks.addTask(
                ArtifactTestProfile.REVIEWER, stored("a.txt", "text/plain", "a".getBytes(StandardCharsets.UTF_8)));

        given().redirects()
                .follow(false)
                .get("/tasks/{task}/artifacts/0", task)
                .then()
                .statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/login"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("a")));
    }
}
