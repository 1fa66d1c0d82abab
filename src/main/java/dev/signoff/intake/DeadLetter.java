package dev.signoff.intake;

import java.time.Instant;

/**
 * A message waiting in the review queue's dead-letter queue, as an admin may see it.
 *
 * @param sentAt when it was first sent to the review queue (SQS keeps it across the move); null when unknown
 * @param firstReceivedAt when it was first received, on the review queue; null when unknown
 * @param receiveCount receives so far, counting each look from the dead-letter page
 * @param body the body with its task token masked, cut to a length a page can show (untrusted text); for a body
 *     that is not a JSON object, a notice instead: its token could not be found, so its text is never shown
 * @param json whether the body is a JSON object (so the token could be found and masked)
 */
public record DeadLetter(
        String messageId, Instant sentAt, Instant firstReceivedAt, int receiveCount, String body, boolean json) {}
