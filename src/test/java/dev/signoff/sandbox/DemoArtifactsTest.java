package dev.signoff.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DemoArtifactsTest {

    @Test
    void invoice_pdf_is_a_complete_pdf_with_a_cross_reference_table() {
        String pdf = new String(DemoArtifacts.read(DemoArtifacts.INVOICE_PDF), StandardCharsets.ISO_8859_1);

        assertThat(pdf).startsWith("%PDF-1.").contains("xref").contains("INV-2026-0147");
        assertThat(pdf.stripTrailing()).endsWith("%%EOF");
    }

    @Test
    void chart_is_a_decodable_png() throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(DemoArtifacts.read(DemoArtifacts.MARKET_CHART)));

        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(520);
    }

    @Test
    void extraction_json_parses_and_matches_the_invoice_total() throws Exception {
        var json = new ObjectMapper().readTree(DemoArtifacts.read(DemoArtifacts.INVOICE_EXTRACTION));

        assertThat(json.at("/invoice/number").asText()).isEqualTo("INV-2026-0147");
        assertThat(json.at("/invoice/total").decimalValue()).isEqualByComparingTo("8219.04");
    }

    @Test
    void every_transaction_row_has_the_header_column_count() {
        List<String> lines = new String(DemoArtifacts.read(DemoArtifacts.TRANSACTIONS), StandardCharsets.UTF_8)
                .lines()
                .toList();
        int columns = lines.get(0).split(",", -1).length;

        assertThat(lines).hasSizeGreaterThan(10);
        assertThat(lines).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(columns));
    }

    @Test
    void every_demo_artifact_is_on_the_classpath_under_its_workflow() {
        assertThat(DemoArtifacts.ALL).allSatisfy(artifact -> {
            assertThat(DemoArtifacts.read(artifact)).isNotEmpty();
            assertThat(artifact.key()).isEqualTo("demo/" + artifact.workflow() + "/" + artifact.fileName());
        });
    }
}
