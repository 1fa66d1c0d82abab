package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.admin.Tiles;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AdminViewTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final AdminView view = new AdminView(NOW, null, null);

    @Test
    void a_dead_letter_queue_nobody_could_ask_reads_unknown_and_links_to_its_runbook_list() {
        Tiles tiles = new Tiles(0, 0, 0, 0, 0, 0, OptionalLong.empty(), null);

        AdminView.Tile dlq = view.tiles(tiles).stream()
                .filter(t -> t.id().equals("dead-letters"))
                .findFirst()
                .orElseThrow();

        assertThat(dlq.value()).isEqualTo("unknown");
        assertThat(dlq.alarm()).isFalse();
    }

    @Test
    void counts_past_the_cap_read_as_ten_thousand_plus_and_the_oldest_wait_in_words() {
        Tiles tiles = new Tiles(10_001, 3, 0, 0, 2, 0, OptionalLong.of(1234), NOW.minus(Duration.ofHours(50)));

        var shown = view.tiles(tiles).stream()
                .collect(java.util.stream.Collectors.toMap(AdminView.Tile::id, AdminView.Tile::value));

        assertThat(shown)
                .containsEntry("waiting", "10,000+")
                .containsEntry("overdue", "3")
                .containsEntry("dead-letters", "1,234")
                .containsEntry("oldest", "2 days 2 h");
    }

    @Test
    void every_tile_links_to_an_admin_list() {
        Tiles tiles = new Tiles(1, 1, 1, 1, 1, 1, OptionalLong.of(1), NOW);

        assertThat(view.tiles(tiles))
                .hasSize(8)
                .allSatisfy(t -> assertThat(t.url()).startsWith("/admin/"));
    }
}
