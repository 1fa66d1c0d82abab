package dev.signoff.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One page of waiting tasks, longest-waiting first, of one group or of all ({@code group} null). {@code groups}: how
 * many tasks wait in each workflow and state, most first. {@code next} is the cursor of the page after it; null on
 * the last.
 */
public record Stalled(StalledFilter filter, StalledGroup group, List<Count> groups, List<Row> rows, Cursor next) {

    /** How many reviews wait in one workflow and state ({@code workflow}: its name for display, null if unknown). */
    public record Count(StalledGroup group, String workflow, long count) {}

    /** Whether the page shows only this count's group. */
    public boolean selected(Count count) {
        return count.group().equals(group);
    }

    /** The query parameters of this page's filter and group, for the next page's link. */
    public String query() {
        return "only=" + filter.param() + (group == null ? "" : "&" + group.query());
    }

    /**
     * @param claimedBy the claim holder's name, null when nobody holds it or the claim lapsed
     * @param lastHeartbeatAt the last SendTaskHeartbeat Signoff sent; null when the request asks for none
     * @param executionStatus what DescribeExecution last said (the reconciliation sweep); null: not checked yet
     */
    public record Row(
            UUID id,
            String title,
            String workflow,
            String state,
            String executionArn,
            Instant receivedAt,
            Instant dueAt,
            Instant timeoutAt,
            Instant expiresAt,
            String claimedBy,
            Instant lastHeartbeatAt,
            String executionStatus,
            Instant executionCheckedAt) {}
}
