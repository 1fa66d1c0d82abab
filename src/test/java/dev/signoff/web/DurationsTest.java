package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DurationsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void days_show_with_their_hours_and_hours_with_their_minutes() {
        assertThat(Durations.until(NOW, NOW.plus(Duration.ofHours(76).plusMinutes(5))))
                .isEqualTo("3 days 4 h");
        assertThat(Durations.until(NOW, NOW.plus(Duration.ofMinutes(125)))).isEqualTo("2 h 5 min");
        assertThat(Durations.until(NOW, NOW.plus(Duration.ofDays(1)))).isEqualTo("1 day");
        assertThat(Durations.until(NOW, NOW.plusSeconds(30))).isEqualTo("less than a minute");
    }

    @Test
    void a_moment_behind_reads_as_passed() {
        assertThat(Durations.until(NOW, NOW.minus(Duration.ofMinutes(90)))).isEqualTo("passed 1 h 30 min ago");
    }
}
