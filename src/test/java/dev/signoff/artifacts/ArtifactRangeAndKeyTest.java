package dev.signoff.artifacts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.signoff.sandbox.DemoArtifacts;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Range requests and refused keys on the artifact endpoint, against S3Proxy. */
@QuarkusTest
@TestProfile(ArtifactTestProfile.class)
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
class ArtifactRangeAndKeyTest {

    @Inject
    ArtifactStore store;

    @Inject
    InMemoryTaskArtifacts tasks;

    private static RequestSpecification asReviewer() {
        return given().auth().preemptive().basic(ArtifactTestProfile.REVIEWER, ArtifactTestProfile.REVIEWER_PASSWORD);
    }

    private UUID taskWithPdf(byte[] pdf) {
        var ref = new ArtifactRef(S3ProxyTestResource.BUCKET, "range-test/" + UUID.randomUUID() + "/invoice.pdf");
        store.put(ref, "application/pdf", pdf);
        return tasks.addTask(ArtifactTestProfile.REVIEWER, ref);
    }

    @Test
    void a_byte_range_is_answered_with_206_and_exactly_those_bytes() {
        byte[] pdf = DemoArtifacts.read(DemoArtifacts.INVOICE_PDF);
        UUID task = taskWithPdf(pdf);

        Response part = asReviewer().header("Range", "bytes=100-199").get("/tasks/{task}/artifacts/0", task);

        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/" + pdf.length);
        assertThat(part.header("Content-Length")).isEqualTo("100");
        assertThat(part.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(part.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(pdf, 100, 200));
    }

    @Test
    void open_ended_and_suffix_ranges_reach_the_end_of_the_object() {
        byte[] pdf = DemoArtifacts.read(DemoArtifacts.INVOICE_PDF);
        UUID task = taskWithPdf(pdf);

        Response tail = asReviewer().header("Range", "bytes=-10").get("/tasks/{task}/artifacts/0", task);
        Response rest =
                asReviewer().header("Range", "bytes=" + (pdf.length - 5) + "-").get("/tasks/{task}/artifacts/0", task);

        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(pdf, pdf.length - 10, pdf.length));
        assertThat(rest.header("Content-Range"))
                .isEqualTo("bytes " + (pdf.length - 5) + "-" + (pdf.length - 1) + "/" + pdf.length);
        assertThat(rest.asByteArray()).isEqualTo(Arrays.copyOfRange(pdf, pdf.length - 5, pdf.length));
    }

    @Test
    void a_range_past_the_end_is_416_naming_the_size() {
        byte[] pdf = DemoArtifacts.read(DemoArtifacts.INVOICE_PDF);
        UUID task = taskWithPdf(pdf);

        asReviewer()
                .header("Range", "bytes=" + pdf.length + "-")
                .get("/tasks/{task}/artifacts/0", task)
                .then()
                .statusCode(416)
                .header("Content-Range", "bytes */" + pdf.length);
    }

    @Test
    void several_ranges_or_an_if_range_get_the_whole_object_announcing_range_support() {
        byte[] pdf = DemoArtifacts.read(DemoArtifacts.INVOICE_PDF);
        UUID task = taskWithPdf(pdf);

        for (var request : new RequestSpecification[] {
            asReviewer().header("Range", "bytes=0-1,5-9"),
            asReviewer().header("Range", "bytes=0-9").header("If-Range", "\"etag\"")
        }) {
            Response whole = request.get("/tasks/{task}/artifacts/0", task);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
            assertThat(whole.asByteArray()).isEqualTo(pdf);
        }
    }

    @Test
    void an_inline_pdf_carries_one_strict_sandboxing_policy_instead_of_the_pages_one() {
        UUID task = taskWithPdf(DemoArtifacts.read(DemoArtifacts.INVOICE_PDF));

        Response pdf = asReviewer().get("/tasks/{task}/artifacts/0", task);

        assertThat(pdf.headers().getValues("Content-Security-Policy"))
                .containsExactly("sandbox; default-src 'none'; frame-ancestors 'none'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "runs/../../etc/passwd",
                "..",
                "runs/./x.pdf",
                "runs/%2e%2e/secret.pdf",
                "runs/%2E%2E%2Fsecret.pdf",
                "runs/..%2fsecret.pdf",
                "runs%2f..%2fsecret.pdf",
                "runs/%252e%252e/secret.pdf",
                "runs\\..\\secret.pdf",
                "runs/..\\secret.pdf",
                "runs/%5c../secret.pdf",
                "runs/%c0%ae%c0%ae/secret.pdf",
                "runs/\uFF0E\uFF0E/secret.pdf"
            })
    void a_key_that_climbs_out_of_its_prefix_is_refused_as_such_not_as_an_outage(String key) {
        UUID task = tasks.addTask(ArtifactTestProfile.REVIEWER, new ArtifactRef(S3ProxyTestResource.BUCKET, key));

        asReviewer()
                .accept("application/problem+json")
                .get("/tasks/{task}/artifacts/0", task)
                .then()
                .statusCode(422)
                .header("Content-Type", startsWith("application/problem+json"))
                .body("detail", equalTo("Refused: path traversal in the artifact key."));
        asReviewer()
                .get("/tasks/{task}/artifacts/0", task)
                .then()
                .statusCode(422)
                .body(equalTo("Refused: path traversal in the artifact key.\n"));
        String preview = asReviewer()
                .header("HX-Request", "true")
                .get("/tasks/{task}/artifacts/0/preview", task)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(preview).contains("Refused: path traversal in the artifact key.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"runs/7/report.pdf", "runs/7/v1.2..3/report.pdf", "runs/7/100% done.csv", ".hidden/x"})
    void ordinary_keys_with_dots_and_percent_signs_are_not_traversal(String key) {
        assertThat(ArtifactKeys.traverses(key)).isFalse();
    }
}
