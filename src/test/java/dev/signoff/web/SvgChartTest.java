package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {

    @Test
    void bars_scale_to_a_round_maximum_and_keep_their_proportions() throws Exception {
        Document svg = parse(SvgChart.bars(
                "activity",
                "Requests per day",
                "Requests received each day",
                220,
                List.of("Dec 1", "Dec 2", "Dec 3"),
                List.of(new SvgChart.Series("Requests", List.of(5L, 10L, 0L)))));

        List<Double> heights = heights(svg, "series-0");
        int plot = 220 - 28 - 36;
        // 10 rounds up to the gridline 10: the tallest bar fills the plot, the one of 5 half of it, 0 draws nothing.
        assertThat(heights).containsExactly(plot / 2.0, (double) plot, 0.0);
        assertThat(texts(svg)).contains("Dec 1", "Dec 3", "0", "5", "10");
        assertThat(SvgChart.roundUp(1)).isEqualTo(1);
        assertThat(SvgChart.roundUp(7)).isEqualTo(8);
        assertThat(SvgChart.roundUp(11)).isEqualTo(12);
        assertThat(SvgChart.roundUp(230)).isEqualTo(250);
        assertThat(SvgChart.roundUp(9_001)).isEqualTo(10_000);
    }

    @Test
    void side_by_side_series_share_one_scale() throws Exception {
        Document svg = parse(SvgChart.bars(
                "activity",
                "t",
                "d",
                220,
                List.of("a", "b"),
                List.of(
                        new SvgChart.Series("Requests", List.of(20L, 4L)),
                        new SvgChart.Series("Decisions", List.of(10L, 2L)))));

        assertThat(heights(svg, "series-1").get(0))
                .isEqualTo(heights(svg, "series-0").get(0) / 2);
        assertThat(texts(svg)).contains("Requests", "Decisions");
    }

    @Test
    void empty_data_says_no_data_instead_of_drawing_an_empty_frame() throws Exception {
        Document bars = parse(SvgChart.bars(
                "activity", "Requests", "none", 220, List.of("a"), List.of(new SvgChart.Series("R", List.of(0L)))));
        Document stacked = parse(SvgChart.stacked(
                "outcomes", "Outcomes", "none", List.of(), List.of(new SvgChart.Series("Approve", List.of()))));

        assertThat(texts(bars)).containsExactly("No data in this window");
        assertThat(bars.getElementsByTagName("rect").getLength()).isZero();
        assertThat(texts(stacked)).containsExactly("No data in this window");
    }

    @Test
    void stacked_rows_split_the_full_width_by_share() throws Exception {
        Document svg = parse(SvgChart.stacked(
                "outcomes",
                "Outcomes",
                "d",
                List.of("invoices", "research"),
                List.of(
                        new SvgChart.Series("Approve", List.of(3L, 0L)),
                        new SvgChart.Series("Reject", List.of(1L, 0L)))));

        double width = SvgChart.WIDTH - 12 - 180;
        assertThat(widths(svg, "series-0").get(0)).isCloseTo(width * 3 / 4, org.assertj.core.data.Offset.offset(0.1));
        assertThat(widths(svg, "series-1").get(0)).isCloseTo(width / 4, org.assertj.core.data.Offset.offset(0.1));
        assertThat(texts(svg)).contains("invoices", "research", "no decisions", "75%", "25%");
    }

    @Test
    void labels_titles_and_names_are_escaped() throws Exception {
        String evil = "<script>alert('x')</script> & \"q\"";
        String markup = SvgChart.stacked(
                "outcomes\"><script>", evil, evil, List.of(evil), List.of(new SvgChart.Series(evil, List.of(1L))));

        assertThat(markup).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)");
        Document svg = parse(markup);
        assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(evil);
        assertThat(svg.getDocumentElement().getAttribute("id")).isEqualTo("outcomes\"><script>");
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Double> heights(Document svg, String css) {
        return attribute(svg, css, "height");
    }

    private static List<Double> widths(Document svg, String css) {
        return attribute(svg, css, "width");
    }

    /** The attribute of each rect of a series, legend swatches (which have no tooltip) left out. */
    private static List<Double> attribute(Document svg, String css, String name) {
        List<Double> values = new ArrayList<>();
        NodeList rects = svg.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getAttribute("class").equals(css) && rect.hasChildNodes()) {
                values.add(Double.parseDouble(rect.getAttribute(name)));
            }
        }
        return values;
    }

    private static List<String> texts(Document svg) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
