package dev.signoff.web;

import static dev.signoff.web.SchemaFormTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.web.JsonDiff.Change;
import dev.signoff.web.JsonDiff.Kind;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

    @Test
    void added_removed_and_changed_paths_are_listed_with_old_and_new_values() {
        var changes = JsonDiff.between(
                json("{\"total\":1280.00,\"currency\":\"EUR\",\"note\":\"x\",\"lines\":[1,2]}"),
                json("{\"total\":1208.00,\"currency\":\"EUR\",\"vat\":\"DE1\",\"lines\":[1]}"));

        assertThat(changes)
                .containsExactly(
                        new Change("$.total", Kind.CHANGED, "1280.00", "1208.00"),
                        new Change("$.note", Kind.REMOVED, "\"x\"", null),
                        new Change("$.lines[1]", Kind.REMOVED, "2", null),
                        new Change("$.vat", Kind.ADDED, null, "\"DE1\""));
    }

    @Test
    void numbers_compare_by_the_digits_the_workflow_receives() {
        assertThat(JsonDiff.between(json("{\"a\":1e2}"), json("{\"a\":100}"))).isEmpty();
        assertThat(JsonDiff.between(json("{\"a\":100.10}"), json("{\"a\":100.1}")))
                .containsExactly(new Change("$.a", Kind.CHANGED, "100.10", "100.1"));
    }

    @Test
    void identical_documents_have_no_changes_and_odd_keys_are_quoted() {
        assertThat(JsonDiff.between(json("{\"a\":{\"b\":[true]}}"), json("{\"a\":{\"b\":[true]}}")))
                .isEmpty();
        assertThat(JsonDiff.between(json("{}"), json("{\"a b\":1}")))
                .extracting(Change::path)
                .containsExactly("$[\"a b\"]");
        assertThat(JsonDiff.between(json("{\"a\":\"1\"}"), json("{\"a\":1}")))
                .extracting(Change::kind)
                .containsExactly(Kind.CHANGED);
    }
}
