package dev.signoff.admin;

import java.time.Instant;
import java.util.UUID;

/**
 * A request intake could not accept and no admin has dismissed yet.
 *
 * @param body the body as stored, its task token already replaced (or a note when it is stored encrypted)
 * @param failedExecution whether Signoff's Signoff.InvalidRequest for it reached the execution (delivered)
 * @param reprocessBlocker why "Re-process" is not offered; null when it is
 */
public record Quarantined(
        UUID id,
        Instant receivedAt,
        int receiveCount,
        String reason,
        String body,
        String executionArn,
        String action,
        boolean failedExecution,
        String reprocessBlocker) {

    public boolean reprocessable() {
        return reprocessBlocker == null;
    }

    /** What intake did with it, in words. */
    public String actionLabel() {
        return switch (action) {
            case "FAILED_EXECUTION" -> "failed the execution with Signoff.InvalidRequest and deleted the message";
            case "LEFT_FOR_DLQ" -> "no readable task token: left on the queue for its redrive policy (DLQ)";
            case "COPY_OF_TASK" -> "kept as an invalid copy of an open task; no callback sent";
            default -> action;
        };
    }
}
