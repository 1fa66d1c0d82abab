package dev.signoff.web;

import java.time.Duration;
import java.time.Instant;

/** Spans of time as reviewers read them: the two largest units, rounded down ("3 days 4 h", "12 min"). */
final class Durations {

    private Durations() {}

    /** From now to then; "passed … ago" once then is behind. */
    static String until(Instant now, Instant then) {
        Duration left = Duration.between(now, then);
        return left.isNegative() ? "passed " + span(left.negated()) + " ago" : span(left);
    }

    static String span(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return minutes > 0 ? minutes + " min" : "less than a minute";
    }
}
