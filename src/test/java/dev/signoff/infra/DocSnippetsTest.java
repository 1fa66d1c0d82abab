package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The JSON blocks of docs/state-machine-authors.md are includes of the examples CI validates. A block follows a
 * marker {@code <!-- include: infra/examples/<file>.asl.json#<JSON Pointer> -->} and must equal exactly the text
 * {@link JsonMemberText} takes from that file for that pointer: the whole lines from the member's key to the end
 * of its value, in the file's indentation, without the comma that separates it from the next member.
 *
 * <p>Nobody copies them by hand: {@value #REFRESH} rewrites every block from its file.
 */
class DocSnippetsTest {
    static final String REFRESH = "mvn -B -q test -Dtest=DocSnippetsTest -Dsnippets.update=true";
    private static final String OPEN = "<!-- include: ";
    private static final Pattern INCLUDE = Pattern.compile(
            Pattern.quote(OPEN) + "(\\S+?)#(\\S*) -->\\n```json\\n(.*?)```\\n<!-- /include -->", Pattern.DOTALL);

    record Include(String file, String pointer, String block) {
        String expected() {
            try {
                return JsonMemberText.of(InfraFiles.read(InfraFiles.ROOT.resolve(file)), pointer) + "\n";
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("include of " + this + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return file + "#" + pointer;
        }
    }

    static List<Include> includes(String markdown) {
        List<Include> out = new ArrayList<>();
        Matcher m = INCLUDE.matcher(markdown);
        while (m.find()) {
            out.add(new Include(m.group(1), m.group(2), m.group(3)));
        }
        return out;
    }

    static String refreshed(String markdown) {
        return INCLUDE.matcher(markdown).replaceAll(m -> {
            Include include = new Include(m.group(1), m.group(2), m.group(3));
            return Matcher.quoteReplacement(
                    m.group().replace("```json\n" + include.block(), "```json\n" + include.expected()));
        });
    }

    static void assertIncludesMatch(String markdown) {
        SoftAssertions softly = new SoftAssertions();
        for (Include include : includes(markdown)) {
            softly.assertThat(include.block())
                    .as("block included from %s differs from the file; refresh the guide with: %s", include, REFRESH)
                    .isEqualTo(include.expected());
        }
        softly.assertAll();
    }

    @Test
    void every_block_in_the_authors_guide_is_the_member_of_the_example_it_names() throws IOException {
        String guide = InfraFiles.read(InfraFiles.AUTHORS_GUIDE);
        if (Boolean.getBoolean("snippets.update")) {
            guide = refreshed(guide);
            Files.writeString(InfraFiles.AUTHORS_GUIDE, guide);
        }
        List<Include> includes = includes(guide);
        assertThat(includes).hasSizeGreaterThanOrEqualTo(3);
        assertThat(guide.split(Pattern.quote(OPEN), -1))
                .as("every include marker is followed by a ```json block and <!-- /include -->")
                .hasSize(includes.size() + 1);
        for (Include include : includes) {
            assertThat(include.file()).startsWith("infra/examples/");
            assertThat(Files.exists(InfraFiles.ROOT.resolve(include.file())))
                    .as(include.file())
                    .isTrue();
        }
        assertIncludesMatch(guide);
    }

    @Test
    void a_changed_block_is_detected_and_refreshed_from_the_file() {
        String stale = doc("#/States/ReviewFindings/TimeoutSeconds", "      \"TimeoutSeconds\": 604801\n");

        assertThatThrownBy(() -> assertIncludesMatch(stale))
                .hasMessageContaining("research-loop.asl.json#/States/ReviewFindings/TimeoutSeconds differs")
                .hasMessageContaining(REFRESH);
        String fresh = refreshed(stale);
        assertThat(fresh)
                .isEqualTo(doc("#/States/ReviewFindings/TimeoutSeconds", "      \"TimeoutSeconds\": 604800\n"));
        assertIncludesMatch(fresh);
        assertThat(refreshed(doc("#/States/ReviewFindings/TimeoutSeconds", ""))).isEqualTo(fresh);
    }

    @Test
    void a_pointer_that_names_nothing_fails_with_a_clear_message() {
        String doc = doc("#/States/ReviewFindings/Catch/9", "{}\n");

        assertThatThrownBy(() -> assertIncludesMatch(doc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("include of infra/examples/research-loop.asl.json#/States/ReviewFindings/Catch/9:"
                        + " JSON Pointer /States/ReviewFindings/Catch/9 names nothing:"
                        + " /States/ReviewFindings/Catch has no member \"9\"");
        assertThatThrownBy(() -> refreshed(doc("#/States/NoSuchState", "{}\n")))
                .hasMessageContaining("/States has no member \"NoSuchState\"");
    }

    private static String doc(String pointer, String block) {
        return "Intro.\n\n" + OPEN + "infra/examples/research-loop.asl.json" + pointer + " -->\n```json\n" + block
                + "```\n<!-- /include -->\n\nOutro.\n";
    }
}
