package dev.signoff.admin;

import java.time.Instant;
import java.util.List;

/**
 * The analytics page's numbers for one window, every one aggregated in the database.
 *
 * @param workflow the workflow chosen; null for all of them
 * @param workflows every workflow with activity in the window, by name: what the filter offers
 * @param rows one per workflow shown (just the chosen one when there is a filter), most requests first
 * @param total the rows together, with their own percentiles (a median of medians would be no median)
 * @param buckets requests and decisions per hour or UTC day, oldest first, one per bucket of the window
 * @param timeToDecision how many decisions took how long, one count per {@link TimeToDecision} bin
 */
public record AnalyticsReport(
        AnalyticsWindow window,
        Instant from,
        Instant to,
        String workflow,
        List<String> workflows,
        List<WorkflowFigures> rows,
        WorkflowFigures total,
        List<Bucket> buckets,
        List<Long> timeToDecision) {

    /** One bar of the activity chart. */
    public record Bucket(Instant start, long requests, long decisions) {}
}
