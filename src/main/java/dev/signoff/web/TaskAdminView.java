package dev.signoff.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The task page's Admin section, for admins only: its forms prefilled with the task as it is (or with what the admin
 * typed, when an action was refused), and the outcome of the last action in fixed words.
 *
 * @param groups the group assignees, one a line, as the reassign form edits them
 * @param expiresAt the review window's end as the form's UTC date-time field shows it; empty without one
 * @param latestExpiry the latest end the form offers: the task's timeoutAt; empty when unknown
 */
public record TaskAdminView(String groups, String users, String expiresAt, String latestExpiry, String notice) {

    private static final DateTimeFormatter FIELD =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    static TaskAdminView of(List<String> assignees, Instant expiresAt, Instant timeoutAt, String notice) {
        return new TaskAdminView(
                names(assignees, "group "), names(assignees, "user "), field(expiresAt), field(timeoutAt), notice);
    }

    /** What the admin typed into a refused form, in place of the task's own values; the rest as they are. */
    TaskAdminView echo(java.util.Map<String, String> form) {
        return new TaskAdminView(
                form.getOrDefault("groups", groups),
                form.getOrDefault("users", users),
                form.getOrDefault("expiresAt", expiresAt),
                latestExpiry,
                notice);
    }

    /** Fixed words for each outcome: nothing a client sends is echoed back. */
    static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "reassigned" -> "Reassigned. The inbox follows at once; the reason is in the history.";
            case "expiry" -> "The review's closing time is changed; old and new are in the history.";
            case "cancelled" -> "Cancelled. Signoff.Cancelled is on its way to the workflow (see Delivery above).";
            case "reprocessed" -> "Re-processed from the quarantine: this is the task it became.";
            default -> null;
        };
    }

    private static String names(List<String> assignees, String prefix) {
        return String.join(
                "\n",
                assignees.stream()
                        .filter(a -> a.startsWith(prefix))
                        .map(a -> a.substring(prefix.length()))
                        .toList());
    }

    private static String field(Instant instant) {
        return instant == null ? "" : FIELD.format(instant);
    }
}
