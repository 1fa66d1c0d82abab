package dev.signoff.admin;

import java.time.Instant;
import java.util.UUID;

/**
 * A callback that gave up (FAILED) or could not be confirmed (UNCONFIRMED) and no admin has handled yet.
 *
 * @param taskId null for the Signoff.InvalidRequest callback of a quarantined request
 * @param retryBlocker why "Retry now" is not offered; null when it is
 */
public record Failure(
        UUID id,
        UUID taskId,
        String title,
        String callback,
        String status,
        String lastError,
        int attempts,
        Instant createdAt,
        String retryBlocker) {

    public boolean retryable() {
        return retryBlocker == null;
    }
}
