package dev.signoff.decision;

/**
 * What the workflow would receive for a submission: the callback's output (approve) or cause (reject, request
 * changes) as built for sending, without the {@code deliveryId} the outbox adds.
 *
 * @param error the failure's error name, null for an approval
 * @param storedInS3 the output is too large to send and would be stored, the callback carrying its location
 */
public record DecisionPreview(String json, String error, boolean edited, boolean storedInS3) {}
