package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InboxCursorTest {

    private static final UUID ID = UUID.fromString("6f1c2a3b-0000-4000-8000-000000000001");

    @Test
    void a_cursor_reads_back_as_the_row_it_was_made_from() {
        InboxCursor cursor =
                new InboxCursor("mine", "due", 1, List.of(Instant.parse("2026-12-01T10:15:30.123456Z")), ID);

        InboxCursor read = InboxCursor.decode(cursor.encode(), "mine", "due");

        assertThat(read).isEqualTo(cursor);
        assertThat(cursor.encode()).as("safe in a URL as it is").matches("[A-Za-z0-9_-]+");
    }

    @Test
    void garbage_is_refused_with_a_message_that_says_to_start_again() {
        for (String garbage : List.of(
                "nonsense!",
                "",
                "Zm9v",
                b64("c1|mine|due|x|" + ID),
                b64("c1|mine|due|0|yesterday|" + ID),
                b64("c1|mine|due|0|2026-12-01T10:15:30Z|not-a-uuid"),
                b64("c9|mine|due|0|2026-12-01T10:15:30Z|" + ID))) {
            assertThatThrownBy(() -> InboxCursor.decode(garbage, "mine", "due"))
                    .as(garbage)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("\"after\"");
        }
    }

    @Test
    void a_cursor_of_another_view_or_sort_is_refused_rather_than_misread() {
        String due = new InboxCursor("mine", "due", 0, List.of(Instant.EPOCH, Instant.EPOCH), ID).encode();

        assertThatThrownBy(() -> InboxCursor.decode(due, "mine", "age"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another view or sort");
        assertThatThrownBy(() -> InboxCursor.decode(due, "decided", "due"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another view or sort");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
