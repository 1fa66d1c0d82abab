package dev.signoff.admin;

import java.time.Instant;
import java.util.UUID;

/**
 * A request intake could not accept and no admin has dismissed yet.
 *
 * @param body the body as stored, its task token already replaced (or a note when it is stored encrypted)
 * @param failedExecution whether Signoff failed the execution with Signoff.InvalidRequest for it
 */
public record Quarantined(
        UUID id,
        Instant receivedAt,
        int receiveCount,
        String reason,
        String body,
        String executionArn,
        String action,
        boolean failedExecution) {}
