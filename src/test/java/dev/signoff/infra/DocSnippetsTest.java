package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/state-machine-authors.md quotes the examples in marked regions; each must be a verbatim excerpt of the
 * file it names, so the guide cannot drift from what CI validates.
 */
class DocSnippetsTest {
    private static final Pattern SNIPPET =
            Pattern.compile("<!-- snippet: (\\S+) -->\\n```json\\n(.*?)```\\n<!-- /snippet -->", Pattern.DOTALL);

    record Snippet(String file, String text) {}

    static List<Snippet> snippets(String markdown) {
        List<Snippet> out = new ArrayList<>();
        Matcher m = SNIPPET.matcher(markdown);
        while (m.find()) {
            out.add(new Snippet(m.group(1), m.group(2)));
        }
        return out;
    }

    @Test
    void every_snippet_in_the_authors_guide_is_a_verbatim_excerpt_of_its_example() {
        String guide = InfraFiles.read(InfraFiles.AUTHORS_GUIDE);
        List<Snippet> snippets = snippets(guide);
        assertThat(snippets).hasSizeGreaterThanOrEqualTo(3);
        assertThat(guide.split("<!-- snippet: ", -1))
                .as("every snippet marker is well formed")
                .hasSize(snippets.size() + 1);
        for (Snippet s : snippets) {
            assertThat(s.file()).startsWith("infra/examples/");
            assertThat(Files.exists(InfraFiles.ROOT.resolve(s.file())))
                    .as(s.file())
                    .isTrue();
            assertThat("\n" + InfraFiles.read(InfraFiles.ROOT.resolve(s.file())))
                    .as("snippet from " + s.file() + " is no longer in that file (whole lines); copy it again")
                    .contains("\n" + s.text());
        }
    }

    @Test
    void a_changed_snippet_is_detected() {
        String doc = "<!-- snippet: infra/examples/research-loop.asl.json -->\n```json\n"
                + "      \"TimeoutSeconds\": 604801,\n```\n<!-- /snippet -->\n";
        Snippet s = snippets(doc).get(0);
        assertThat(InfraFiles.read(InfraFiles.ROOT.resolve(s.file()))).doesNotContain(s.text());
    }
}
