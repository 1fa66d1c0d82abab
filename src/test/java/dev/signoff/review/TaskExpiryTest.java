package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.contract.ReviewRequest.ExpiryPolicy;
import dev.signoff.testsupport.ConfigMappings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the upkeep round does with a review whose window ended, by policy and configuration. */
class TaskExpiryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void escalate_opens_the_configured_window() {
        TaskExpiry.Step step =
                expiry(config(ExpiryPolicy.FAIL, List.of("leads"))).next(due(ExpiryPolicy.ESCALATE, false, null), NOW);

        assertThat(step).isEqualTo(new TaskExpiry.Step.Escalate(List.of("leads"), NOW.plus(Duration.ofHours(24))));
    }

    @Test
    void escalate_is_capped_at_timeout_and_fails_when_no_time_is_left() {
        TaskExpiry expiry = expiry(config(ExpiryPolicy.FAIL, List.of("leads")));

        assertThat(expiry.next(due(ExpiryPolicy.ESCALATE, false, NOW.plusSeconds(60)), NOW))
                .isEqualTo(new TaskExpiry.Step.Escalate(List.of("leads"), NOW.plusSeconds(60)));
        assertThat(expiry.next(due(ExpiryPolicy.ESCALATE, false, NOW), NOW))
                .isInstanceOfSatisfying(
                        TaskExpiry.Step.Fail.class, f -> assertThat(f.reason()).contains("no time was left"));
    }

    @Test
    void escalate_happens_once_and_never_without_groups() {
        assertThat(expiry(config(ExpiryPolicy.FAIL, List.of("leads")))
                        .next(due(ExpiryPolicy.ESCALATE, true, null), NOW))
                .isInstanceOfSatisfying(
                        TaskExpiry.Step.Fail.class, f -> assertThat(f.reason()).contains("also after its escalation"));
        assertThat(expiry(config(ExpiryPolicy.FAIL, List.of())).next(due(ExpiryPolicy.ESCALATE, false, null), NOW))
                .isInstanceOfSatisfying(
                        TaskExpiry.Step.Fail.class,
                        f -> assertThat(f.reason()).contains("signoff.review.escalation-groups is not set"));
    }

    @Test
    void fail_and_notify_do_what_they_say() {
        TaskExpiry expiry = expiry(config(ExpiryPolicy.FAIL, List.of()));

        assertThat(expiry.next(due(ExpiryPolicy.FAIL, false, null), NOW)).isInstanceOf(TaskExpiry.Step.Fail.class);
        assertThat(expiry.next(due(ExpiryPolicy.NOTIFY, false, null), NOW))
                .isInstanceOf(TaskExpiry.Step.KeepWaiting.class);
    }

    @Test
    void a_default_of_escalate_without_groups_is_refused_at_start_up_naming_both_properties() {
        assertThat(TaskExpiry.configurationProblem(config(ExpiryPolicy.ESCALATE, List.of())))
                .hasValueSatisfying(p -> assertThat(p)
                        .contains("signoff.review.on-expiry")
                        .contains("signoff.review.escalation-groups"));
        assertThat(TaskExpiry.configurationProblem(config(ExpiryPolicy.ESCALATE, List.of("leads"))))
                .isEmpty();
        assertThat(TaskExpiry.configurationProblem(config(ExpiryPolicy.NOTIFY, List.of())))
                .isEmpty();
    }

    private static TaskExpiry expiry(ReviewConfig config) {
        return new TaskExpiry(config, null);
    }

    private static TaskExpiry.Due due(ExpiryPolicy policy, boolean escalated, Instant timeoutAt) {
        return new TaskExpiry.Due(
                UUID.randomUUID(), NOW.minusSeconds(1), timeoutAt, policy, escalated, "arn", "sealed", "hash");
    }

    private static ReviewConfig config(ExpiryPolicy onExpiry, List<String> groups) {
        Map<String, String> properties = new HashMap<>();
        properties.put("signoff.review.on-expiry", onExpiry.wireName());
        if (!groups.isEmpty()) {
            properties.put("signoff.review.escalation-groups", String.join(",", groups));
        }
        return ConfigMappings.load(ReviewConfig.class, properties);
    }
}
