package dev.signoff.review;

import java.util.UUID;

/**
 * Fired (synchronously, inside the transaction that changes it) when an open review closes: decided (under N-of-M,
 * once, when the last approval needed counts), expired or cancelled. What follows from it (the requester's outcome
 * notice) is written in the same transaction or not at all.
 *
 * @param status DECIDED, EXPIRED or CANCELLED
 */
public record TaskClosed(UUID taskId, TaskStatus status) {}
