package dev.signoff.admin;

import java.time.Instant;
import java.util.Map;

/**
 * What waits, for the metrics gauges: read in one transaction, each part through an index and capped like the tiles.
 *
 * @param waitingByWorkflow waiting tasks by state machine name (null key: no state machine ARN), counted over at most
 *     {@link AdminDashboard#COUNT_CAP} + 1 of them, the longest-waiting first
 * @param oldestWaitingSince when the longest-waiting task arrived; null when nothing waits
 * @param oldestHeartbeatDue the earliest heartbeat due among open tasks; null when none heartbeats
 */
public record Backlog(
        Map<String, Long> waitingByWorkflow,
        Instant oldestWaitingSince,
        long quarantined,
        Instant oldestHeartbeatDue) {}
