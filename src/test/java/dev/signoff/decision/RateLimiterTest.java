package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on fake time: nothing here sleeps; the fake clock moves when a caller would. */
class RateLimiterTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final AtomicLong now = new AtomicLong();

    @Test
    void under_a_backlog_of_10k_heartbeats_it_holds_its_rate_in_every_window_and_lets_the_rate_through() {
        int rate = 400;
        RateLimiter limiter = new RateLimiter(rate, rate, now::get, nanos -> {});
        // Four heartbeat threads, as TaskUpkeep has, each call taking 5 ms once let through: twice the rate if
        // nothing held them back.
        long[] threadFreeAt = new long[4];
        List<Long> sent = new ArrayList<>();
        int refused = 0;
        while (sent.size() < 10_000) {
            int thread = earliest(threadFreeAt);
            now.set(threadFreeAt[thread]);
            long wait = limiter.reserve(Duration.ofSeconds(2));
            if (wait < 0) {
                refused++;
                threadFreeAt[thread] += MS;
                continue;
            }
            sent.add(now.get() + wait);
            threadFreeAt[thread] = now.get() + wait + 5 * MS;
        }

        assertThat(refused).as("four threads never wait past their budget").isZero();
        for (long window : new long[] {100 * MS, SECOND, 5 * SECOND, 15 * SECOND}) {
            assertThat(mostInAnyWindow(sent, window))
                    .as("calls in any %d ms", window / MS)
                    .isLessThanOrEqualTo((int) (rate * window / SECOND + rate));
        }
        // The first second's worth goes out at once, the other 9,600 at 400 a second: 24 s, not a tick more.
        long last = sent.get(sent.size() - 1);
        assertThat(last).isBetween(24 * SECOND - 10 * MS, 24 * SECOND + 10 * MS);
    }

    @Test
    void a_caller_that_would_wait_past_its_budget_is_refused_at_once_and_reserves_nothing() {
        RateLimiter limiter = new RateLimiter(10, 10, now::get, nanos -> {});
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.reserve(Duration.ZERO)).isZero();
        }

        assertThat(limiter.reserve(Duration.ZERO)).isEqualTo(-1);
        assertThat(limiter.reserve(Duration.ofMillis(99))).isEqualTo(-1);
        assertThat(limiter.reserve(Duration.ofMillis(100))).isEqualTo(100 * MS);
        assertThat(limiter.reserve(Duration.ofMillis(150)))
                .as("behind the one reserved")
                .isEqualTo(-1);
        now.addAndGet(100 * MS);
        assertThat(limiter.reserve(Duration.ofMillis(100))).isEqualTo(100 * MS);
    }

    @Test
    void acquire_waits_for_its_permit_through_the_sleeper_and_refuses_past_the_budget() {
        List<Long> slept = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(5, 1, now::get, nanos -> {
            slept.add(nanos);
            now.addAndGet(nanos);
        });

        assertThat(limiter.acquire(Duration.ofSeconds(1))).isTrue();
        assertThat(limiter.acquire(Duration.ofSeconds(1))).isTrue();
        assertThat(limiter.acquire(Duration.ofMillis(100))).isFalse();

        assertThat(slept).containsExactly(200 * MS);
    }

    @Test
    void an_idle_bucket_saves_up_no_more_than_its_burst() {
        RateLimiter limiter = new RateLimiter(10, 3, now::get, nanos -> {});
        now.addAndGet(3600 * SECOND);

        int atOnce = 0;
        while (limiter.reserve(Duration.ZERO) == 0) {
            atOnce++;
        }

        assertThat(atOnce).isEqualTo(3);
    }

    @Test
    void a_throttle_cuts_the_rate_under_what_got_through_and_it_climbs_back_to_the_configured_rate() {
        RateLimiter limiter = new RateLimiter(150, 150, now::get, nanos -> {});
        for (int i = 0; i < 100; i++) {
            now.addAndGet(5 * MS);
            limiter.passed();
        }

        limiter.throttled();

        assertThat(limiter.rate())
                .as("85%% of the 100 that got through in the last second")
                .isCloseTo(85, offset());
        assertThat(limiter.reserve(Duration.ZERO))
                .as("what the bucket had saved up overran the quota: it is gone")
                .isEqualTo(-1);
        now.addAndGet(SECOND);
        assertThat(limiter.rate()).as("5%% more a second").isCloseTo(85 * 1.05, offset());
        now.addAndGet(60 * SECOND);
        assertThat(limiter.rate()).isEqualTo(150);
    }

    @Test
    void a_throttle_while_little_got_through_halves_the_rate_at_most() {
        RateLimiter limiter = new RateLimiter(400, 400, now::get, nanos -> {});
        limiter.passed();

        limiter.throttled();

        assertThat(limiter.rate()).isEqualTo(200);
    }

    @Test
    void throttles_answering_calls_made_before_a_cut_cut_nothing_more() {
        RateLimiter limiter = new RateLimiter(100, 100, now::get, nanos -> {});
        limiter.throttled();
        double afterFirst = limiter.rate();

        now.addAndGet((RateLimiter.COOL_DOWN_MS - 1) * MS);
        limiter.throttled();
        limiter.throttled();
        assertThat(limiter.rate()).as("only the climb since the cut").isGreaterThanOrEqualTo(afterFirst);

        now.addAndGet(2 * MS);
        limiter.throttled();
        assertThat(limiter.rate()).isLessThan(afterFirst);
    }

    @Test
    void behind_a_quota_a_quarter_of_its_rate_it_settles_just_under_the_quota_with_few_throttled_calls() {
        // The account's quota: 100 calls a second, a second's calls saved up, as the stand-in's throttle and AWS.
        int quota = 100;
        RateLimiter aws = new RateLimiter(quota, quota, now::get, nanos -> {});
        RateLimiter limiter = new RateLimiter(400, 400, now::get, nanos -> {});
        // Four senders, each call 10 ms; a throttled callback goes back to the queue and is sent again.
        long[] threadFreeAt = new long[4];
        List<Long> landed = new ArrayList<>();
        int throttled = 0;
        while (landed.size() < 6_000) {
            int thread = earliest(threadFreeAt);
            now.set(threadFreeAt[thread]);
            long wait = limiter.reserve(Duration.ofSeconds(2));
            if (wait < 0) {
                threadFreeAt[thread] += MS;
                continue;
            }
            now.addAndGet(wait + 5 * MS);
            boolean through = aws.reserve(Duration.ZERO) == 0;
            now.addAndGet(5 * MS);
            if (through) {
                landed.add(now.get());
                limiter.passed();
            } else {
                throttled++;
                limiter.throttled();
            }
            threadFreeAt[thread] = now.get();
        }

        // From the tenth second on, when the first second's burst is long spent.
        List<Long> settled = landed.stream().filter(t -> t >= 10 * SECOND).toList();
        double rate = (settled.size() - 1) * (double) SECOND / (settled.get(settled.size() - 1) - settled.get(0));
        assertThat(rate / quota).as("sustained rate / quota").isBetween(0.9, 1.01);
        assertThat(throttled)
                .as("throttled calls, against the thousands a fixed rate of 400 would have had refused")
                .isLessThan(landed.size() / 50);
    }

    @Test
    void without_throttles_it_never_leaves_its_configured_rate() {
        RateLimiter limiter = new RateLimiter(50, 50, now::get, nanos -> {});
        for (int i = 0; i < 1_000; i++) {
            now.addAndGet(20 * MS);
            assertThat(limiter.reserve(Duration.ZERO)).isZero();
            limiter.passed();
        }

        assertThat(limiter.rate()).isEqualTo(50);
    }

    private static org.assertj.core.data.Offset<Double> offset() {
        return org.assertj.core.data.Offset.offset(0.01);
    }

    private static int earliest(long[] times) {
        int best = 0;
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int mostInAnyWindow(List<Long> sorted, long window) {
        List<Long> times = new ArrayList<>(sorted);
        times.sort(null);
        int most = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= window) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }
}
