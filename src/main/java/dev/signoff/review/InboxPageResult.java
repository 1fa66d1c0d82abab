package dev.signoff.review;

import dev.signoff.review.InboxQuery.View;
import java.util.Map;
import java.util.Optional;

/**
 * One page of an inbox view, with the count of each view the reviewer may open.
 *
 * @param nextCursor the {@code after} of the next page; empty on the last page
 */
public record InboxPageResult(java.util.List<TaskSummary> tasks, Map<View, Count> counts, Optional<String> nextCursor) {

    /** A count read no further than a cap: {@code more} says there are more than {@code value}. */
    public record Count(long value, boolean more) {

        /** "12", or "1,000+" past the cap. */
        public String shown() {
            return String.format(java.util.Locale.ROOT, "%,d", value) + (more ? "+" : "");
        }
    }
}
