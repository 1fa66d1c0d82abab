package dev.signoff.review;

import java.time.Instant;

/**
 * One approval that counts now.
 *
 * @param group the policy's distinct group this approval fills; null when it fills none (or the policy lists none)
 */
public record Approver(String reviewerId, String reviewerName, Instant approvedAt, String group) {}
