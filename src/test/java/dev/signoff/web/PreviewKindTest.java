package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreviewKindTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "image/png|a.bin|IMAGE",
                "image/webp|a|IMAGE",
                "IMAGE/JPEG; q=1|a|IMAGE",
                "application/pdf|a|PDF",
                "text/plain; charset=utf-8|a|TEXT",
                "text/markdown|a|MARKDOWN",
                "application/ld+json|a|JSON",
                "text/csv|a|CSV",
                "application/octet-stream|report.md|MARKDOWN",
                "|rows.CSV|CSV",
                "application/octet-stream|chart.png|DOWNLOAD",
                "text/html|a.txt|DOWNLOAD",
                "image/svg+xml|a.png|DOWNLOAD",
                "application/xhtml+xml|a|DOWNLOAD",
                "application/javascript|a.json|DOWNLOAD",
                "application/zip|a.zip|DOWNLOAD"
            })
    void kind_follows_the_stored_type_and_the_name_only_when_the_type_says_nothing(
            String type, String name, PreviewKind kind) {
        assertThat(PreviewKind.of(type, name)).isEqualTo(kind);
    }
}
