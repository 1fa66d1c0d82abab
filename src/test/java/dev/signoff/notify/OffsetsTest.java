package dev.signoff.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of notices sent some time before a moment: which are ahead, and what a moved moment means. */
class OffsetsTest {

    private static final Instant DUE = Instant.parse("2026-12-05T10:00:00Z");
    private static final List<Duration> DEFAULT = List.of(Duration.ofHours(24), Duration.ofHours(1));

    @Test
    void both_offsets_are_ahead_of_a_task_due_in_two_days_largest_first() {
        List<Offsets.Occurrence> ahead = Offsets.ahead("due", DUE, DEFAULT, DUE.minus(Duration.ofDays(2)));

        assertThat(ahead)
                .extracting(Offsets.Occurrence::key)
                .containsExactly("due-24h@2026-12-05T10:00:00Z", "due-1h@2026-12-05T10:00:00Z");
        assertThat(ahead)
                .extracting(Offsets.Occurrence::sendAt)
                .containsExactly(Instant.parse("2026-12-04T10:00:00Z"), Instant.parse("2026-12-05T09:00:00Z"));
    }

    @Test
    void an_offset_already_past_when_the_task_opens_is_left_out_and_one_exactly_now_too() {
        assertThat(Offsets.ahead("due", DUE, DEFAULT, DUE.minus(Duration.ofHours(5))))
                .extracting(Offsets.Occurrence::key)
                .containsExactly("due-1h@2026-12-05T10:00:00Z");
        assertThat(Offsets.ahead("due", DUE, DEFAULT, DUE.minus(Duration.ofHours(1))))
                .isEmpty();
        assertThat(Offsets.ahead("due", null, DEFAULT, DUE)).isEmpty();
        assertThat(Offsets.ahead("due", DUE, List.of(Duration.ofHours(1), Duration.ofMinutes(60)), Instant.EPOCH))
                .hasSize(1);
    }

    @Test
    void an_occurrence_reads_back_as_written() {
        Offsets.Occurrence o = new Offsets.Occurrence("deadline", Duration.ofMinutes(90), DUE);

        assertThat(o.key()).isEqualTo("deadline-90m@2026-12-05T10:00:00Z");
        assertThat(Offsets.parse(o.key())).contains(o);
        assertThat(Offsets.parse("")).isEmpty();
        assertThat(Offsets.parse("due-xh@2026-12-05T10:00:00Z")).isEmpty();
        assertThat(Offsets.parse("due-1h@yesterday")).isEmpty();
        assertThat(Offsets.label(Duration.ofSeconds(45))).isEqualTo("45s");
    }

    @Test
    void the_moment_unchanged_is_due_moved_later_is_rescheduled_and_passed_is_too_late() {
        Offsets.Occurrence o = new Offsets.Occurrence("due", Duration.ofHours(1), DUE);
        Instant sendTime = DUE.minus(Duration.ofHours(1));

        assertThat(Offsets.timing(o, DUE, sendTime)).isInstanceOf(Offsets.Timing.Due.class);
        Instant later = DUE.plus(Duration.ofDays(1));
        assertThat(Offsets.timing(o, later, sendTime)).isEqualTo(new Offsets.Timing.Moved(o.movedTo(later)));
        assertThat(o.movedTo(later).sendAt()).isEqualTo(later.minus(Duration.ofHours(1)));
        // Moved earlier, to within the hour: its time has come already, so it goes now.
        assertThat(Offsets.timing(o, DUE.minus(Duration.ofMinutes(30)), sendTime))
                .isInstanceOf(Offsets.Timing.Due.class);
        assertThat(Offsets.timing(o, DUE, DUE)).isInstanceOf(Offsets.Timing.TooLate.class);
        assertThat(Offsets.timing(o, null, sendTime)).isInstanceOf(Offsets.Timing.TooLate.class);
    }

    @Test
    void offsets_in_words_and_the_earlier_of_two_deadlines() {
        assertThat(Offsets.words(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(Offsets.words(Duration.ofHours(24))).isEqualTo("24 hours");
        assertThat(Offsets.words(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(Offsets.words(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(Offsets.earliest(DUE, null)).isEqualTo(DUE);
        assertThat(Offsets.earliest(null, DUE)).isEqualTo(DUE);
        assertThat(Offsets.earliest(DUE, DUE.minusSeconds(1))).isEqualTo(DUE.minusSeconds(1));
    }

    @Test
    void a_mail_says_the_configured_offset_when_on_time_and_the_real_time_left_when_late() {
        Offsets.Occurrence o = new Offsets.Occurrence("due", Duration.ofHours(24), DUE);

        assertThat(TimedMessages.left(o, DUE, DUE.minus(Duration.ofHours(24)).plusSeconds(60)))
                .isEqualTo("in 24 hours");
        assertThat(TimedMessages.left(o, DUE, DUE.minus(Duration.ofHours(5)))).isEqualTo("in 5 hours");
    }

    @Test
    void an_escalation_step_reads_back_from_its_occurrence() {
        EscalationLadder.Step step = new EscalationLadder.Step("reassign", Duration.ofHours(24), "escalations");

        assertThat(step.occurrence()).isEqualTo("reassign-24h:escalations");
        assertThat(EscalationLadder.Step.parse(step.occurrence())).contains(step);
        assertThat(step.dueFor(DUE, DUE.plus(Duration.ofHours(24)))).isTrue();
        assertThat(step.dueFor(DUE, DUE.plus(Duration.ofHours(24)).minusMillis(1)))
                .isFalse();
    }
}
