package dev.signoff.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A notice to write to the outbox: what, about which task, for whom, and from when it may be sent. Its identity is
 * (kind, task, occurrence, recipient): writing the same notice twice leaves one row.
 */
public record Notice(
        Notification.Kind kind,
        Notification.Channel channel,
        UUID taskId,
        String recipient,
        String address,
        String occurrence,
        Instant notBefore) {

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(notBefore, "notBefore");
        address = address == null ? "" : address;
        occurrence = occurrence == null ? "" : occurrence;
    }

    /** An email about a task, to send as soon as the sender gets to it. */
    public static Notice mail(Notification.Kind kind, UUID taskId, Person to, String occurrence, Instant now) {
        return new Notice(kind, Notification.Channel.EMAIL, taskId, to.id(), to.email(), occurrence, now);
    }

    /** A chat post to a configured webhook (by its name). */
    public static Notice post(
            Notification.Kind kind, Notification.Channel channel, UUID taskId, String webhook, Instant now) {
        return new Notice(kind, channel, taskId, webhook, "", "", now);
    }

    String dedupeKey() {
        return kind + "|" + channel + "|" + (taskId == null ? "-" : taskId) + "|" + occurrence + "|" + recipient;
    }
}
