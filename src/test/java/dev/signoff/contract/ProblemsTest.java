package dev.signoff.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    @Test
    void a_plain_name_is_exactly_what_the_pattern_of_identifiers_matches() {
        List<String> names = List.of(
                "title", "_x", "a-b", "a9", "Z_9-", "", "9a", "-a", "a b", "a.b", "é", "a\"", "[0]", "ab$", "a\n");

        for (String name : names) {
            assertThat(Problems.plainName(name))
                    .as(name)
                    .isEqualTo(PLAIN.matcher(name).matches());
        }
    }

    @Test
    void a_path_quotes_a_name_that_is_not_plain() {
        assertThat(Problems.field("", "title")).isEqualTo("title");
        assertThat(Problems.field("metadata", "cost-centre")).isEqualTo("metadata.cost-centre");
        assertThat(Problems.field("metadata", "odd key")).isEqualTo("metadata[\"odd key\"]");
    }
}
