package dev.signoff.review;

import java.time.Instant;

/**
 * Who says they are on a task, since when, and until when the claim holds unless they act again. A claim informs;
 * it never stops another authorised reviewer from deciding.
 */
public record Claim(String holderId, String holderName, Instant since, Instant lapsesAt) {

    public boolean heldBy(String reviewerId) {
        return holderId.equals(reviewerId);
    }
}
