package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.PlanningDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hot reads of review tasks, exactly as the app sends them, are planned through the indexes of V4 and V9 on PostgreSQL
 * at 100,000 tasks, never by scanning the table.
 */
class TaskQueryPlansTest {

    private static PlanningDatabase db;

    @BeforeAll
    static void fill() throws SQLException {
        db = PlanningDatabase.create("plans_review");
    }

    @AfterAll
    static void drop() throws SQLException {
        db.close();
    }

    private static final InboxSql INBOX = new InboxSql(true);
    private static final Instant NOW = Instant.now();
    private static final InboxSql.Who RILEY =
            new InboxSql.Who(List.of("group-3", "group-4"), "riley", "riley", NOW, NOW.minus(Duration.ofHours(2)));

    private static String inboxPlan(InboxQuery query, int band, List<Instant> after, UUID afterId) throws SQLException {
        InboxSql.Statement page = INBOX.page(query, RILEY, INBOX.bands(query).get(band), after, afterId, 51);
        return db.explain(page.sql(), page.params().toArray());
    }

    private static Optional<InboxSql.Statement> walk(InboxQuery query, List<Instant> after, UUID afterId) {
        return INBOX.searchWalk(query, RILEY, INBOX.bands(query).get(0), after, afterId, 51, InboxPager.SEARCH_WALK);
    }

    private static InboxQuery query(String view, String severity, String q, String sort) {
        return InboxQuery.parse(view, null, null, null, severity, null, null, null, null, q, sort, null, null);
    }

    @Test
    void the_first_inbox_page_walks_the_open_tasks_in_due_order_through_an_index() throws SQLException {
        String plan = inboxPlan(InboxQuery.mine(), 0, List.of(), null);

        assertThat(plan).contains("ix_review_task_pending_due").doesNotContain("Seq Scan on review_task");
    }

    @Test
    void a_deep_inbox_page_starts_at_its_cursor_inside_the_index() throws SQLException {
        String plan = inboxPlan(
                InboxQuery.mine(),
                0,
                List.of(NOW.plus(Duration.ofDays(12)), NOW.minus(Duration.ofDays(20))),
                UUID.randomUUID());

        // The row comparison is an index condition: page 200 reads what page 1 reads, not the 199 pages before it.
        assertThat(plan)
                .containsPattern("Index Cond: .*ROW\\(due_at, received_at, id\\) >")
                .contains("ix_review_task_pending_due")
                .doesNotContain("Seq Scan on review_task");
    }

    @Test
    void a_filtered_view_sorted_by_severity_reads_one_severity_band_through_its_index() throws SQLException {
        String plan = inboxPlan(query("mine", "high", null, "severity"), 0, List.of(), null);

        assertThat(plan).contains("ix_review_task_pending_severity").doesNotContain("Seq Scan on review_task");
    }

    @Test
    void a_search_finds_its_tasks_through_the_full_text_index() throws SQLException {
        String plan = inboxPlan(query("mine", null, "duplicate invoice", null), 0, List.of(), null);

        assertThat(plan).contains("ix_review_task_search").doesNotContain("Seq Scan on review_task");
    }

    @Test
    void a_search_for_a_common_word_walks_the_open_tasks_in_due_order_and_tests_each_row() throws SQLException {
        InboxQuery query = query("mine", null, "routine", null);
        InboxSql.Statement walk = walk(query, List.of(), null).orElseThrow();

        assertThat(db.explain(walk.sql(), walk.params().toArray()))
                .contains("ix_review_task_pending_due")
                .doesNotContain("ix_review_task_search")
                .doesNotContain("Seq Scan on review_task");
    }

    @Test
    void a_search_walk_that_fills_its_page_finds_what_the_full_text_index_finds_on_any_page() throws SQLException {
        InboxQuery query = query("mine", null, "duplicate invoice", null);

        List<String> first = walkIds(query, List.of(), null);
        assertThat(first)
                .as("one task in five of these is about a duplicate invoice")
                .hasSize(51);
        assertThat(first).isEqualTo(pageIds(query, List.of(), null));

        // A deep page: after the 40th row, as its cursor says (due_at, received_at, id).
        UUID fortieth = UUID.fromString(first.get(39));
        List<Instant> after = List.of(
                db.instant("select due_at from review_task where id = ?", fortieth),
                db.instant("select received_at from review_task where id = ?", fortieth));
        List<String> deeper = walkIds(query, after, fortieth);
        assertThat(deeper).hasSize(51).startsWith(first.get(40));
        assertThat(deeper).isEqualTo(pageIds(query, after, fortieth));
    }

    @Test
    void a_search_walk_that_cannot_fill_its_page_says_so_by_returning_fewer_rows() throws SQLException {
        InboxQuery rare = query("mine", null, "task 4550", null);

        List<String> walked = walkIds(rare, List.of(), null);

        assertThat(walked).hasSizeLessThan(51);
        assertThat(pageIds(rare, List.of(), null)).containsAll(walked);
    }

    private static List<String> walkIds(InboxQuery query, List<Instant> after, UUID afterId) throws SQLException {
        InboxSql.Statement walk = walk(query, after, afterId).orElseThrow();
        return db.column(walk.sql(), walk.params().toArray());
    }

    private static List<String> pageIds(InboxQuery query, List<Instant> after, UUID afterId) throws SQLException {
        InboxSql.Statement page = INBOX.page(query, RILEY, INBOX.bands(query).get(0), after, afterId, 51);
        return db.column(page.sql(), page.params().toArray());
    }

    @Test
    void the_recently_closed_view_walks_the_close_order_index_backwards() throws SQLException {
        String plan = inboxPlan(query("decided", null, null, null), 0, List.of(), null);

        assertThat(plan)
                .containsPattern("Index (Only )?Scan Backward using ix_review_task_closed_order")
                .doesNotContain("Seq Scan on review_task");
    }

    @Test
    void view_counts_stop_at_their_cap_and_read_through_an_index() throws SQLException {
        for (InboxQuery.View view : InboxQuery.View.values()) {
            InboxSql.Statement count = INBOX.count(view, RILEY);
            String plan = db.explain(count.sql(), count.params().toArray());
            if (view != InboxQuery.View.ALL) {
                // "All" counts any 1,001 rows, in whatever order is cheapest.
                assertThat(plan).as(view.name()).doesNotContain("Seq Scan on review_task");
            }
            assertThat(plan).as(view.name()).contains("Limit");
        }
    }

    @Test
    void heartbeats_due_are_found_by_their_due_time() throws SQLException {
        String plan = db.explain(TaskQueries.HEARTBEATS_DUE, Instant.now(), 500);

        assertThat(plan).contains("ix_review_task_heartbeat").doesNotContain("Seq Scan");
    }

    @Test
    void an_executions_open_reviews_are_found_by_its_arn() throws SQLException {
        Instant stop = Instant.now();
        String plan = db.explain(
                TaskQueries.OPEN_OF_EXECUTION_BEFORE,
                "arn:aws:states:us-east-1:123456789012:execution:wf-3:run-4242",
                stop,
                stop);

        assertThat(plan).contains("ix_review_task_execution").doesNotContain("Seq Scan");
    }

    @Test
    void open_tasks_past_their_deadline_or_expiry_are_found_through_an_index() throws SQLException {
        assertThat(db.explain(TaskQueries.PAST_TIMEOUT, Instant.now(), 500))
                .contains("ix_review_task_timeout")
                .doesNotContain("Seq Scan");
        assertThat(db.explain(TaskQueries.PAST_EXPIRY, Instant.now(), 500))
                .contains("ix_review_task_expiry_check")
                .doesNotContain("Seq Scan");
    }

    @Test
    void the_reconciliation_sweep_picks_and_counts_its_checks_through_its_index() throws SQLException {
        assertThat(db.explain(TaskQueries.EXECUTION_CHECKS_DUE, 150))
                .contains("ix_review_task_reconcile")
                .doesNotContain("Seq Scan", "Sort");
        assertThat(db.explain(TaskQueries.EXECUTION_CHECKS_SINCE, Instant.now().minusSeconds(30), 150))
                .contains("ix_review_task_checked")
                .doesNotContain("Seq Scan");
    }
}
