package dev.signoff.admin;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification that did not reach its recipient: refused for good (REFUSED) or given up after retries (FAILED).
 *
 * @param recipient a user id, or a webhook's configured name
 * @param address the mail address; empty for a webhook
 * @param at when the last attempt was settled
 */
public record Undelivered(
        UUID id,
        UUID taskId,
        String title,
        String kind,
        String channel,
        String recipient,
        String address,
        String status,
        String reason,
        int attempts,
        Instant at) {}
