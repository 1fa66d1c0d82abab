package dev.signoff.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic of notices that go out some time before a moment (a reminder before dueAt, a warning before the
 * deadline). A notice's occurrence names its offset and the moment it was counted from, e.g.
 * {@code due-24h@2026-12-03T10:00:00Z}: when the moment moves, the notice for the new one is another notice.
 */
final class Offsets {

    private Offsets() {}

    /** One notice ahead of a moment: {@code prefix-<offset>@<anchor>}, to send at {@code anchor - offset}. */
    record Occurrence(String prefix, Duration offset, Instant anchor) {

        String key() {
            return prefix + "-" + label(offset) + "@" + anchor;
        }

        Instant sendAt() {
            return anchor.minus(offset);
        }

        /** The same notice counted from another moment. */
        Occurrence movedTo(Instant newAnchor) {
            return new Occurrence(prefix, offset, newAnchor);
        }
    }

    /** What a claimed notice comes to, now that its moment is {@code current}. */
    sealed interface Timing {
        /** Send it now. */
        record Due() implements Timing {}

        /** The moment passed (or is gone) before the notice went out: too late to say it. */
        record TooLate(String why) implements Timing {}

        /** The moment moved later: the notice for the new one is due at its own time. */
        record Moved(Occurrence next) implements Timing {}
    }

    /** The occurrences still ahead at {@code now}, largest offset first; one whose time is not after now is left out. */
    static List<Occurrence> ahead(String prefix, Instant anchor, List<Duration> offsets, Instant now) {
        if (anchor == null) {
            return List.of();
        }
        return offsets.stream()
                .distinct()
                .sorted(Comparator.reverseOrder())
                .map(offset -> new Occurrence(prefix, offset, anchor))
                .filter(o -> o.sendAt().isAfter(now))
                .toList();
    }

    static Timing timing(Occurrence claimed, Instant current, Instant now) {
        if (current == null) {
            return new Timing.TooLate("it no longer has that time");
        }
        if (!current.isAfter(now)) {
            return new Timing.TooLate("the time (" + MailComposer.when(current) + ") passed before it went out");
        }
        Occurrence moved = claimed.movedTo(current);
        if (!current.equals(claimed.anchor()) && moved.sendAt().isAfter(now)) {
            return new Timing.Moved(moved);
        }
        return new Timing.Due();
    }

    /** Reads an occurrence written by {@link Occurrence#key()}; empty for any other. */
    static Optional<Occurrence> parse(String occurrence) {
        int at = occurrence.indexOf('@');
        int dash = at < 0 ? -1 : occurrence.lastIndexOf('-', at);
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Occurrence(
                    occurrence.substring(0, dash),
                    duration(occurrence.substring(dash + 1, at)),
                    Instant.parse(occurrence.substring(at + 1))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** "24h", "90m", "45s": the shortest exact unit. */
    static String label(Duration offset) {
        long seconds = offset.getSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    static Duration duration(String label) {
        if (label.length() < 2) {
            throw new IllegalArgumentException("not an offset: " + label);
        }
        long amount = Long.parseLong(label.substring(0, label.length() - 1));
        return switch (label.charAt(label.length() - 1)) {
            case 'h' -> Duration.ofHours(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 's' -> Duration.ofSeconds(amount);
            default -> throw new IllegalArgumentException("not an offset: " + label);
        };
    }

    /** "1 hour", "24 hours", "90 minutes": an offset as a mail says it. */
    static String words(Duration offset) {
        long seconds = offset.getSeconds();
        if (seconds % 86400 == 0 && seconds >= 2 * 86400) {
            return seconds / 86400 + " days";
        }
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        return seconds % 60 == 0 ? plural(seconds / 60, "minute") : plural(seconds, "second");
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
