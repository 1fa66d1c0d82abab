package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.artifacts.ArtifactRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServingHeadersTest {

    private static final ArtifactRef PDF = new ArtifactRef("bucket", "runs/42/invoice.pdf");
    private static final long LIMIT = 1000;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/pdf",
                "image/png",
                "image/jpeg",
                "image/gif",
                "image/webp",
                "text/plain",
                "text/csv",
                "application/json"
            })
    void passive_types_within_the_limit_render_inline(String type) {
        assertThat(ServingHeaders.of(PDF, type, LIMIT, LIMIT, false).contentDisposition())
                .startsWith("inline;");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/html",
                "image/svg+xml",
                "application/javascript",
                "text/javascript",
                "application/xhtml+xml",
                "text/xml",
                "text/markdown",
                "application/octet-stream"
            })
    void active_or_unknown_types_download_in_a_sandbox(String type) {
        ServingHeaders headers = ServingHeaders.of(PDF, type, 10, LIMIT, false);
        assertThat(headers.contentDisposition()).startsWith("attachment;");
        assertThat(headers.contentSecurityPolicy()).isEqualTo(ServingHeaders.SANDBOX);
    }

    @ParameterizedTest
    @CsvSource({"1001, false", "10, true"})
    void oversized_or_explicitly_requested_downloads_are_attachments(long size, boolean download) {
        assertThat(ServingHeaders.of(PDF, "image/png", size, LIMIT, download).contentDisposition())
                .startsWith("attachment;");
    }

    @ParameterizedTest
    @CsvSource({"application/pdf, true", "application/pdf, false", "image/png, true", "text/html, true"})
    void every_artifact_is_sandboxed_with_nothing_to_fetch_and_no_framing(String type, boolean inline) {
        assertThat(ServingHeaders.of(PDF, type, 10, LIMIT, !inline).contentSecurityPolicy())
                .isEqualTo("sandbox; default-src 'none'; frame-ancestors 'none'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "TEXT/HTML; charset=UTF-8|text/html; charset=utf-8",
                "application/json; charset=utf-8|application/json",
                "text/plain; boundary=x; charset=latin1|text/plain; charset=latin1",
                "not a type|application/octet-stream",
                "''|application/octet-stream"
            })
    void stored_content_types_are_normalized_or_replaced(String stored, String served) {
        assertThat(ServingHeaders.normalize(stored)).isEqualTo(served);
    }

    @Test
    void line_breaks_in_a_stored_content_type_never_reach_a_header() {
        assertThat(ServingHeaders.normalize("text/html\r\nX-Evil: 1")).isEqualTo("application/octet-stream");
        assertThat(ServingHeaders.normalize("text/plain; charset=utf-8\r\nSet-Cookie: a"))
                .isEqualTo("text/plain");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "runs/42/invoice.pdf|; filename=\"invoice.pdf\"; filename*=UTF-8''invoice.pdf",
                "runs/42/Rechnung März \"final\".pdf|; filename=\"Rechnung_M_rz__final_.pdf\"; filename*=UTF-8''Rechnung%20M%C3%A4rz%20%22final%22.pdf",
                "runs/42/|; filename=\"artifact\"; filename*=UTF-8''artifact"
            })
    void file_name_comes_from_the_key_and_is_quoted_safely(String key, String parameters) {
        var ref = new ArtifactRef("bucket", key);
        assertThat(ServingHeaders.of(ref, "text/html", 1, LIMIT, false).contentDisposition())
                .isEqualTo("attachment" + parameters);
    }
}
