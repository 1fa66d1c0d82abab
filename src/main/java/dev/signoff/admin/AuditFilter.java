package dev.signoff.admin;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Which audit events the admin asked for; every part is optional and all of them are in the page's URL, so a search
 * can be bookmarked, shared and exported as it is.
 *
 * @param actor the actor's stable id exactly as recorded ({@code reviewer}, {@code issuer#subject}, {@code signoff})
 * @param from inclusive; {@code to} exclusive
 */
public record AuditFilter(UUID taskId, String actor, String type, Instant from, Instant to) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);

    /** From query parameters; IllegalArgumentException with a message people can act on for a malformed one. */
    public static AuditFilter of(String task, String actor, String type, String from, String to) {
        UUID taskId;
        try {
            taskId = blank(task) ? null : UUID.fromString(task.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The task id is not a task id (it looks like 0b9e…-…).", e);
        }
        return new AuditFilter(
                taskId,
                blank(actor) ? null : actor.strip(),
                blank(type) ? null : type.strip().toUpperCase(java.util.Locale.ROOT),
                instant(from, "from"),
                instant(to, "to"));
    }

    /** The query string that repeats this filter, for "Older" links and the export links; "" for no filter. */
    public String query() {
        StringBuilder q = new StringBuilder();
        append(q, "task", taskId == null ? null : taskId.toString());
        append(q, "actor", actor);
        append(q, "type", type);
        append(q, "from", from == null ? null : from.toString());
        append(q, "to", to == null ? null : to.toString());
        return q.toString();
    }

    /** The times as the form's datetime-local inputs show them (UTC); "" when not set. */
    public String fromLocal() {
        return local(from);
    }

    public String toLocal() {
        return local(to);
    }

    private static String local(Instant at) {
        return at == null ? "" : LocalDateTime.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static void append(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append(q.isEmpty() ? "" : "&")
                    .append(name)
                    .append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** An instant ({@code 2026-12-01T10:00:00Z}) or the form's UTC local time ({@code 2026-12-01T10:00}). */
    private static Instant instant(String text, String name) {
        if (blank(text)) {
            return null;
        }
        String t = text.strip();
        try {
            return t.endsWith("Z") ? Instant.parse(t) : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "The '" + name + "' time is not a time (use 2026-12-01T10:00, in UTC).", e);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
