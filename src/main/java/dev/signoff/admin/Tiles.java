package dev.signoff.admin;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * The dashboard's counts. Each is read through an index and stops at {@link AdminDashboard#COUNT_CAP}; a count that
 * reached it reads as "10,000+".
 *
 * @param deadLetters empty when no dead-letter queue is configured or SQS could not be asked
 * @param oldestWaitingSince when the longest-waiting task arrived; null when nothing waits
 */
public record Tiles(
        long waiting,
        long overdue,
        long nearTimeout,
        long expiringToday,
        long deliveryFailures,
        long quarantined,
        OptionalLong deadLetters,
        Instant oldestWaitingSince) {}
