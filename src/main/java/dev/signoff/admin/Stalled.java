package dev.signoff.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One page of waiting tasks, longest-waiting first. {@code next} is the cursor of the page after it; null on the last.
 */
public record Stalled(StalledFilter filter, List<Row> rows, Cursor next) {

    /**
     * @param claimedBy the claim holder's name, null when nobody holds it or the claim lapsed
     * @param lastHeartbeatAt the last SendTaskHeartbeat Signoff sent; null when the request asks for none
     */
    public record Row(
            UUID id,
            String title,
            String workflow,
            String state,
            String executionArn,
            Instant receivedAt,
            Instant dueAt,
            Instant timeoutAt,
            Instant expiresAt,
            String claimedBy,
            Instant lastHeartbeatAt) {}

    /** Where a page starts: after the task received at {@code receivedAt} with this id (keyset, never OFFSET). */
    public record Cursor(Instant receivedAt, UUID id) {

        /** {@code 2026-12-01T10:00:00Z_<uuid>}; IllegalArgumentException for anything else. */
        public static Cursor parse(String text) {
            int at = text.lastIndexOf('_');
            if (at < 0) {
                throw new IllegalArgumentException("not a cursor");
            }
            try {
                return new Cursor(Instant.parse(text.substring(0, at)), UUID.fromString(text.substring(at + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor", e);
            }
        }

        public String text() {
            return receivedAt + "_" + id;
        }
    }
}
