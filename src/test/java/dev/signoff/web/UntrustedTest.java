package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTest {

    @Test
    void a_right_to_left_override_is_shown_as_a_marker_inside_an_isolate() {
        assertThat(Untrusted.shown("invoice\u202Egnp.exe").toString())
                .isEqualTo("<bdi>invoice<span class=\"hidden-char\" title=\"U+202E (invisible or direction control)\">"
                        + "[U+202E]</span>gnp.exe</bdi>");
    }

    @Test
    void markup_is_escaped() {
        assertThat(Untrusted.shown("<img src=x onerror=alert(1)> & \"'").toString())
                .isEqualTo("<bdi>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;&#39;</bdi>");
    }

    @Test
    void zero_width_and_tag_characters_become_visible_but_ordinary_text_stays() {
        assertThat(Untrusted.shown("pay\u200Bpal \uDB40\uDC41 Zürich שלום").toString())
                .contains("[U+200B]", "[U+E0041]", "Zürich שלום");
    }

    @Test
    void nothing_shows_for_a_missing_value() {
        assertThat(Untrusted.shown(null).toString()).isEmpty();
    }
}
