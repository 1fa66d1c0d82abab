package dev.signoff.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads one page of a view: band after band of its sort ({@link InboxSql}), starting at the cursor's band and row,
 * until it has one row more than the page holds (which says whether there is a next page).
 */
final class InboxPager {

    record Page(List<TaskSummary> tasks, Optional<String> next) {}

    /**
     * Rows a search tests in order before it asks the full-text index instead: a word in one task of twenty fills a
     * page of 50 within it; testing 1,000 rows' text costs a few milliseconds (docs/performance.md, "Search").
     */
    static final int SEARCH_WALK = 1000;

    private InboxPager() {}

    static Page page(InboxSql sql, InboxQuery query, InboxSql.Who who) {
        List<InboxSql.Band> bands = sql.bands(query);
        InboxCursor cursor = query.after()
                .map(a ->
                        InboxCursor.decode(a, query.view().param(), query.sort().param()))
                .orElse(null);
        int first = cursor == null ? 0 : cursor.band();
        if (cursor != null
                && (first < 0
                        || first >= bands.size()
                        || cursor.instants().size() != bands.get(first).keys().size())) {
            throw new InvalidCursorException("\"after\" does not fit this view: start again from the first page");
        }
        int wanted = query.size() + 1;
        List<TaskSummary> rows = new ArrayList<>();
        List<Integer> bandOf = new ArrayList<>();
        for (int b = first; b < bands.size() && rows.size() < wanted; b++) {
            boolean resume = cursor != null && b == first;
            for (TaskSummary row : read(
                    sql,
                    query,
                    who,
                    bands.get(b),
                    resume ? cursor.instants() : List.of(),
                    resume ? cursor.id() : null,
                    wanted - rows.size())) {
                rows.add(row);
                bandOf.add(b);
            }
        }
        if (rows.size() < wanted) {
            return new Page(rows, Optional.empty());
        }
        List<TaskSummary> shown = rows.subList(0, query.size());
        TaskSummary last = shown.get(shown.size() - 1);
        int band = bandOf.get(shown.size() - 1);
        InboxCursor next = new InboxCursor(
                query.view().param(),
                query.sort().param(),
                band,
                bands.get(band).values().apply(last),
                last.id());
        return new Page(List.copyOf(shown), Optional.of(next.encode()));
    }

    /**
     * Up to {@code limit} rows of one band. A search walks the band first ({@link InboxSql#searchWalk}), which is
     * the answer when it fills the limit; a rarer word falls through to the full-text index, which then has few
     * matches to sort.
     */
    private static List<TaskSummary> read(
            InboxSql sql,
            InboxQuery query,
            InboxSql.Who who,
            InboxSql.Band band,
            List<Instant> after,
            UUID afterId,
            int limit) {
        Optional<InboxSql.Statement> walk = sql.searchWalk(query, who, band, after, afterId, limit, SEARCH_WALK);
        if (walk.isPresent()) {
            List<TaskSummary> found =
                    TaskRows.summaries(walk.get().sql(), walk.get().params(), who.activeSince());
            if (found.size() == limit) {
                return found;
            }
        }
        InboxSql.Statement statement = sql.page(query, who, band, after, afterId, limit);
        return TaskRows.summaries(statement.sql(), statement.params(), who.activeSince());
    }
}
