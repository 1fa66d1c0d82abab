package dev.signoff.review;

import dev.signoff.contract.ReviewRequest;
import java.util.UUID;

/**
 * Fired (synchronously, inside the transaction that stores it) when a request becomes a task, so that whatever must
 * follow from it (notifications) is written in the same transaction or not at all.
 */
public record TaskOpened(UUID taskId, ReviewRequest request) {}
