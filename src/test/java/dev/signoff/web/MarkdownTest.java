package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Agent-written markdown: GitHub tables and strikethrough render, and stay as safe as the rest. */
class MarkdownTest {

    @Test
    void a_github_table_renders_as_a_table_not_as_pipes() {
        String html = Markdown.toHtml("| field | read | confidence |\n|---|---|---|\n| total | 1,280.00 | 0.62 |\n");

        assertThat(html).contains("<table>").contains("<th>field</th>").contains("<td>1,280.00</td>");
        assertThat(html).doesNotContain("|---|");
    }

    @Test
    void strikethrough_renders_as_deleted_text() {
        assertThat(Markdown.toHtml("was ~~1,208.00~~ now 1,280.00")).contains("<del>1,208.00</del>");
    }

    @Test
    void html_inside_a_table_cell_is_still_escaped() {
        String html = Markdown.toHtml("| a |\n|---|\n| <script>alert(1)</script> [x](javascript:alert(1)) |\n");

        assertThat(html).contains("&lt;script&gt;").doesNotContain("<script>").doesNotContain("javascript:");
    }
}
