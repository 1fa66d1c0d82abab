package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tasks taken in in one burst heartbeat together once, then spread out over the rounds that follow. */
class HeartbeatSpreadTest {

    private static final Instant SENT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void after_a_burst_of_10k_first_heartbeats_the_second_ones_spread_over_half_an_interval_none_late() {
        int heartbeatSeconds = 3600; // a heartbeat every 20 min
        Duration interval = Duration.ofMinutes(20);
        Duration round = Duration.ofSeconds(15); // signoff.callbacks.upkeep-interval
        int rounds = (int) (interval.dividedBy(2).toSeconds() / round.toSeconds());
        int[] perRound = new int[rounds];

        for (int i = 0; i < 10_000; i++) {
            Instant second = ReviewTask.secondHeartbeat(UUID.randomUUID(), SENT, heartbeatSeconds);
            assertThat(second).isAfter(SENT.plus(interval.dividedBy(2))).isBeforeOrEqualTo(SENT.plus(interval));
            perRound[
                    (int) (Duration.between(SENT.plus(interval.dividedBy(2)), second)
                                            .toSeconds()
                                    / 15)
                            % rounds]++;
        }

        // 40 rounds share 10,000: about 250 each, none near the whole burst.
        for (int count : perRound) {
            assertThat(count).isBetween(150, 350);
        }
    }

    @Test
    void the_spread_is_fixed_per_task_and_every_later_heartbeat_follows_a_full_interval() {
        UUID task = UUID.randomUUID();

        assertThat(ReviewTask.secondHeartbeat(task, SENT, 60)).isEqualTo(ReviewTask.secondHeartbeat(task, SENT, 60));
        assertThat(ReviewTask.nextHeartbeat(SENT, 60)).isEqualTo(SENT.plusSeconds(20));
        assertThat(ReviewTask.secondHeartbeat(task, SENT, 3))
                .as("the shortest interval, 1 s")
                .isBetween(SENT.plusMillis(501), SENT.plusSeconds(1));
    }
}
