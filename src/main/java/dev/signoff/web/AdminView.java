package dev.signoff.web;

import dev.signoff.admin.AdminDashboard;
import dev.signoff.admin.Stalled;
import dev.signoff.admin.Tiles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the admin pages show, as people read it: counts with "10,000+", ages and time left in words. */
public record AdminView(Instant now, String notice, String problem) {

    /** One dashboard tile: its count as shown, what it means, and the list it opens. */
    public record Tile(String id, String label, String value, String hint, String url, boolean alarm) {}

    public List<Tile> tiles(Tiles t) {
        String deadLetters = t.deadLetters().isPresent() ? count(t.deadLetters().getAsLong()) : "unknown";
        String oldest = t.oldestWaitingSince() == null ? "—" : Durations.span(age(t.oldestWaitingSince()));
        return List.of(
                new Tile(
                        "waiting",
                        "Waiting",
                        count(t.waiting()),
                        "reviews nobody has decided",
                        "/admin/stalled",
                        false),
                new Tile(
                        "overdue",
                        "Overdue",
                        count(t.overdue()),
                        "past their due date",
                        "/admin/stalled?only=overdue",
                        t.overdue() > 0),
                new Tile(
                        "near-timeout",
                        "Near timeout",
                        count(t.nearTimeout()),
                        "Step Functions gives up on them soon",
                        "/admin/stalled?only=near-timeout",
                        t.nearTimeout() > 0),
                new Tile(
                        "expiring-today",
                        "Expiring today",
                        count(t.expiringToday()),
                        "expiresAt before midnight UTC",
                        "/admin/stalled?only=expiring-today",
                        false),
                new Tile(
                        "delivery-failures",
                        "Delivery failures",
                        count(t.deliveryFailures()),
                        "callbacks that gave up or cannot tell",
                        "/admin/failures",
                        t.deliveryFailures() > 0),
                new Tile(
                        "quarantined",
                        "Quarantined",
                        count(t.quarantined()),
                        "requests intake refused",
                        "/admin/quarantine",
                        t.quarantined() > 0),
                new Tile(
                        "dead-letters",
                        "Dead-letter queue",
                        deadLetters,
                        "messages SQS gave up on",
                        "/admin/dead-letters",
                        t.deadLetters().orElse(0) > 0),
                new Tile("oldest", "Oldest waiting", oldest, "age of the longest wait", "/admin/stalled", false));
    }

    public String age(Stalled.Row row) {
        return Durations.span(age(row.receivedAt()));
    }

    /** Time left before Step Functions' own deadline for the token; "—" when the request has none. */
    public String timeLeft(Stalled.Row row) {
        return row.timeoutAt() == null ? "—" : Durations.until(now, row.timeoutAt());
    }

    public String due(Stalled.Row row) {
        return row.dueAt() == null ? "—" : Durations.until(now, row.dueAt());
    }

    public boolean overdue(Stalled.Row row) {
        return row.dueAt() != null && row.dueAt().isBefore(now);
    }

    public String consoleUrl(String executionArn) {
        return ConsoleLinks.execution(executionArn).orElse(null);
    }

    private Duration age(Instant since) {
        Duration d = Duration.between(since, now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    static String count(long n) {
        return n > AdminDashboard.COUNT_CAP ? String.format("%,d+", AdminDashboard.COUNT_CAP) : String.format("%,d", n);
    }
}
