package dev.signoff.review;

import dev.signoff.review.InboxQuery.View;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SQL of the inbox's views. A sort is a list of bands, each one index range read in order (keyset paging:
 * {@code (keys, id) > (cursor)}), so that any page, the 200th too, reads only its own rows plus one. Due order is a
 * band of dated tasks then one of undated; severity one band per level. TaskQueryPlansTest EXPLAINs these on
 * PostgreSQL at 100,000 tasks. PostgreSQL searches with full text (the stored {@code search_vector}: walked in the
 * sort's order first, see {@link #searchWalk}, else through its GIN index); H2 (the sandbox) with LIKE.
 */
final class InboxSql {

    static final String COLUMNS = TaskQueries.SUMMARY_COLUMNS
            + ", t.highest_severity, t.claimed_by, t.claimed_by_name, t.claimed_at, t.claim_active_at,"
            + " t.approvals_required, t.approvals_count";

    /** The most rows a view count reads: "1,000+" beyond that, so counts stay cheap at any size. */
    static final int COUNT_CAP = 1000;

    /** Who asks, as the SQL needs it. {@code activeSince}: claims active after this instant hold. */
    record Who(List<String> groups, String userName, String reviewerId, Instant now, Instant activeSince) {}

    /** One ordered index range of a sort: its predicate, its key columns (before t.id) and their values in a row. */
    record Band(String predicate, List<String> keys, boolean descending, Function<TaskSummary, List<Instant>> values) {}

    record Statement(String sql, List<Object> params) {}

    private static final Band DATED = new Band(
            "t.due_at is not null",
            List.of("t.due_at", "t.received_at"),
            false,
            t -> List.of(t.dueAt(), t.receivedAt()));
    private static final Band UNDATED =
            new Band("t.due_at is null", List.of("t.received_at"), false, t -> List.of(t.receivedAt()));
    private static final Band CLOSED = new Band(
            null, List.of("coalesce(t.closed_at, t.decided_at, t.received_at)"), true, t -> List.of(closedOrder(t)));

    private final boolean postgres;

    InboxSql(boolean postgres) {
        this.postgres = postgres;
    }

    List<Band> bands(InboxQuery query) {
        if (query.view() == View.DECIDED) {
            return List.of(CLOSED);
        }
        List<Band> order = switch (query.sort()) {
            case DUE -> List.of(DATED, UNDATED);
            case AGE -> List.of(received(null));
            case SEVERITY -> severityBands(query);
        };
        if (query.view() != View.ALL) {
            return order;
        }
        // Every task, one status after the other (open first), each status in the sort's order.
        List<TaskStatus> statuses = query.status().map(List::of).orElse(List.of(TaskStatus.values()));
        List<Band> bands = new ArrayList<>();
        for (TaskStatus status : statuses) {
            for (Band band : order) {
                String only = "t.status = '" + status.name() + "'";
                bands.add(new Band(
                        band.predicate() == null ? only : only + " and " + band.predicate(),
                        band.keys(),
                        band.descending(),
                        band.values()));
            }
        }
        return bands;
    }

    /** One page of one band, from after the cursor's row when it is in this band. */
    Statement page(InboxQuery query, Who who, Band band, List<Instant> after, UUID afterId, int limit) {
        Where where = bandRows(query, who, band, after, afterId);
        search(query, where);
        List<Object> params = new ArrayList<>(where.params);
        params.add(limit);
        return new Statement(
                "select " + COLUMNS + " from review_task t where " + where.sql + orderBy(band) + " limit ?", params);
    }

    /**
     * A search's page of one band read by walking the band in order and testing at most {@code walk} rows against the
     * words: for a word that many tasks hold this finds the page after a few hundred rows, where the full-text index
     * would fetch and sort every match. Complete only when it returns {@code limit} rows (the first {@code limit}
     * matches in order are then among the rows walked); otherwise {@link #page} answers. Empty for no search, and on
     * H2, whose search is a LIKE on each row anyway.
     */
    Optional<Statement> searchWalk(
            InboxQuery query, Who who, Band band, List<Instant> after, UUID afterId, int limit, int walk) {
        Where matches = new Where();
        search(query, matches);
        if (!postgres || matches.sql.isEmpty()) {
            return Optional.empty();
        }
        Where rows = bandRows(query, who, band, after, afterId);
        List<Object> params = new ArrayList<>(rows.params);
        params.add(walk);
        params.addAll(matches.params);
        params.add(limit);
        String order = orderBy(band);
        return Optional.of(new Statement(
                "select " + COLUMNS + " from (select t.* from review_task t where " + rows.sql + order
                        + " limit ?) t where " + matches.sql + order + " limit ?",
                params));
    }

    /** The view, its filters but the search, the band and the cursor. */
    private Where bandRows(InboxQuery query, Who who, Band band, List<Instant> after, UUID afterId) {
        Where where = view(query.view(), who);
        filters(query, who, where);
        if (band.predicate() != null) {
            where.and(band.predicate());
        }
        if (afterId != null) {
            List<Object> values = new ArrayList<>(after);
            values.add(afterId);
            keyset(where, keysOf(band), values, band.descending() ? "<" : ">");
        }
        return where;
    }

    private static List<String> keysOf(Band band) {
        List<String> keys = new ArrayList<>(band.keys());
        keys.add("t.id");
        return keys;
    }

    private static String orderBy(Band band) {
        String direction = band.descending() ? " desc" : "";
        return " order by " + String.join(direction + ", ", keysOf(band)) + direction;
    }

    /** How many tasks a view holds, read no further than {@link #COUNT_CAP} + 1. */
    Statement count(View view, Who who) {
        Where where = view(view, who);
        List<Object> params = new ArrayList<>(where.params);
        params.add(COUNT_CAP + 1);
        // Closed tasks are most of the table: counting them in close order walks the close-order index and stops at
        // the cap, where any order would scan the table.
        String order = view == View.DECIDED ? " order by " + CLOSED.keys().get(0) + " desc" : "";
        return new Statement(
                "select count(*) from (select 1 from review_task t where " + where.sql + order + " limit ?) c", params);
    }

    private static Where view(View view, Who who) {
        Where where = new Where();
        switch (view) {
            case MINE ->
                where.and("t.status = 'PENDING'")
                        .and(TaskQueries.assignedTo(who.groups().size()), assignee(who));
            case UNASSIGNED -> {
                where.and("t.status = 'PENDING'");
                if (who.groups().isEmpty()) {
                    where.and("1 = 0");
                } else {
                    where.and(
                            TaskQueries.assigneeIn(who.groups().size()),
                            who.groups().stream().map(TaskQueries::groupKey).toArray());
                }
                where.and(
                        "(t.claimed_by is null or t.claim_active_at is null or t.claim_active_at <= ?)",
                        who.activeSince());
            }
            case CLAIMED ->
                where.and("t.claimed_by = ?", who.reviewerId())
                        .and("t.status = 'PENDING'")
                        .and("t.claim_active_at > ?", who.activeSince());
            case DECIDED ->
                where.and("t.status <> 'PENDING'")
                        .and(TaskQueries.assignedTo(who.groups().size()), assignee(who));
            case ALL -> where.and("1 = 1");
        }
        return where;
    }

    private void filters(InboxQuery query, Who who, Where where) {
        query.workflow().ifPresent(w -> {
            if (w.startsWith("arn:")) {
                where.and("t.state_machine_arn = ?", w);
            } else {
                where.and(
                        "(t.state_machine_arn like ? escape '!' or (t.state_machine_arn is null and t.execution_arn"
                                + " like ? escape '!'))",
                        "%:stateMachine:" + literal(w),
                        "%:execution:" + literal(w) + ":%");
            }
        });
        query.state().ifPresent(s -> where.and("t.state_name = ?", s));
        if (query.view() == View.DECIDED) {
            query.status().ifPresent(s -> where.and("t.status = ?", s.name()));
        }
        if (query.sort() != InboxQuery.Sort.SEVERITY || query.view() == View.DECIDED) {
            query.severity().ifPresent(s -> where.and("t.highest_severity >= ?", TaskSearch.rank(s)));
        }
        query.group().ifPresent(g -> where.and(TaskQueries.assigneeIn(1), TaskQueries.groupKey(g)));
        query.requestedBy().ifPresent(r -> where.and("t.requested_by = ?", r));
        query.due().ifPresent(d -> {
            Instant now = who.now();
            switch (d) {
                case OVERDUE -> where.and("t.due_at < ?", now);
                case TODAY -> where.and("t.due_at >= ? and t.due_at < ?", now, startOfTomorrow(now));
                case WEEK -> where.and("t.due_at >= ? and t.due_at < ?", now, now.plus(7, ChronoUnit.DAYS));
            }
        });
        query.age().ifPresent(a -> where.and("t.received_at < ?", who.now().minus(a.olderThan)));
    }

    private void search(InboxQuery query, Where where) {
        query.q().map(InboxSql::words).filter(w -> !w.isEmpty()).ifPresent(words -> {
            if (postgres) {
                where.and(
                        "t.search_vector @@ to_tsquery('simple', ?)",
                        String.join(" & ", words.stream().map(w -> w + ":*").toList()));
            } else {
                words.forEach(w -> where.and("t.search_text like ? escape '!'", "%" + literal(w) + "%"));
            }
        });
    }

    /** The words of a search, lower-cased: letters and digits only, so nothing in them is query syntax. */
    static List<String> words(String q) {
        return Arrays.stream(q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .limit(10)
                .toList();
    }

    private void keyset(Where where, List<String> keys, List<Object> values, String op) {
        if (postgres) {
            // A row comparison is one index condition on PostgreSQL: the scan starts at the cursor.
            where.and("(" + String.join(", ", keys) + ") " + op + " (" + marks(keys.size()) + ")", values.toArray());
            return;
        }
        // H2 gets the same order spelled out: k1 > ? or (k1 = ? and (k2 > ? or (k2 = ? and k3 > ?))).
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                sql.append(" or (").append(keys.get(i - 1)).append(" = ? and (");
                params.add(values.get(i - 1));
            }
            sql.append(keys.get(i)).append(' ').append(op).append(" ?");
            params.add(values.get(i));
        }
        sql.append(")".repeat(2 * (keys.size() - 1)));
        where.and("(" + sql + ")", params.toArray());
    }

    private static Band received(String predicate) {
        return new Band(predicate, List.of("t.received_at"), false, t -> List.of(t.receivedAt()));
    }

    private static List<Band> severityBands(InboxQuery query) {
        int least = query.severity().map(TaskSearch::rank).orElse(0);
        List<Band> bands = new ArrayList<>();
        for (int rank = 5; rank >= Math.max(least, 1); rank--) {
            bands.add(received("t.highest_severity = " + rank));
        }
        if (least == 0) {
            bands.add(received("t.highest_severity = 0"));
            bands.add(received("t.highest_severity is null"));
        }
        return bands;
    }

    static Instant closedOrder(TaskSummary t) {
        return t.closedAt() != null ? t.closedAt() : t.decidedAt() != null ? t.decidedAt() : t.receivedAt();
    }

    private static Instant startOfTomorrow(Instant now) {
        return now.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    private static Object[] assignee(Who who) {
        List<Object> params = new ArrayList<>();
        who.groups().forEach(g -> params.add(TaskQueries.groupKey(g)));
        params.add(TaskQueries.userKey(who.userName()));
        return params.toArray();
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** A LIKE pattern's literal part: '!' escapes the wildcards. */
    private static String literal(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static final class Where {
        final StringBuilder sql = new StringBuilder();
        final List<Object> params = new ArrayList<>();

        Where and(String clause, Object... values) {
            sql.append(sql.isEmpty() ? "" : " and ").append(clause);
            params.addAll(Arrays.asList(values));
            return this;
        }
    }
}
