package dev.signoff.admin;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the audit trail as the admin page and the exports show it.
 *
 * @param actorName the display name at the time; null for Signoff itself and for older events
 * @param taskId null for events about no task (a sign-in, a dead letter)
 */
public record AuditEntry(
        UUID id, Instant at, String actor, String actorName, UUID taskId, String type, String detail) {}
