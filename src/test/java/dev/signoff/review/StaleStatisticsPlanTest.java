package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.PlanningDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Right after a burst, before autovacuum's next ANALYZE, PostgreSQL plans with statistics of a table that held one
 * task: it takes every side of a join for one row. The inbox's assignee checks must still be one primary-key probe
 * per task read, never a join that re-reads every group assignment for each task (seconds per inbox page at 1,000
 * tasks; docs/performance.md).
 */
class StaleStatisticsPlanTest {

    private static final InboxSql INBOX = new InboxSql(true);
    private static final Instant NOW = Instant.now();
    private static final InboxSql.Who RILEY =
            new InboxSql.Who(List.of("group-3"), "riley", "riley", NOW, NOW.minus(Duration.ofHours(2)));

    private static PlanningDatabase db;

    @BeforeAll
    static void statisticsOfOneTaskThenABurst() throws SQLException {
        db = PlanningDatabase.create("plans_stale");
        db.execute(
                "alter table review_task set (autovacuum_enabled = false)",
                "alter table task_assignee set (autovacuum_enabled = false)",
                "truncate review_task cascade",
                burst(1),
                "insert into task_assignee (task_id, kind, name) select id, 'GROUP', 'group-3' from review_task",
                "analyze review_task",
                "analyze task_assignee",
                "truncate review_task cascade",
                burst(11_000),
                "insert into task_assignee (task_id, kind, name) select id, 'GROUP', 'group-3' from review_task");
    }

    @AfterAll
    static void drop() throws SQLException {
        db.close();
    }

    private static String burst(int tasks) {
        return "insert into review_task (id, token_hash, token_ciphertext, execution_arn, title, request_json, status,"
                + " received_at, due_at, version, search_text) select gen_random_uuid(), md5(i::text), 'sealed',"
                + " 'arn:aws:states:us-east-1:123456789012:execution:wf:run-' || i, 'Task ' || i, '{}',"
                + " case when i % 11 = 0 then 'PENDING' else 'DELIVERED' end, now() - i * interval '1 minute',"
                + " now() + i * interval '1 hour', 0, 'task ' || i from generate_series(1, " + tasks + ") i";
    }

    @Test
    void every_views_count_and_first_page_probes_the_assignees_of_each_task_by_its_key() throws SQLException {
        for (InboxQuery.View view :
                List.of(InboxQuery.View.MINE, InboxQuery.View.UNASSIGNED, InboxQuery.View.DECIDED)) {
            InboxSql.Statement count = INBOX.count(view, RILEY);
            InboxQuery query = InboxQuery.parse(
                    view.name().toLowerCase(),
                    null,
                    null,
                    null,
                    null,
                    "group-3",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            InboxSql.Statement page =
                    INBOX.page(query, RILEY, INBOX.bands(query).get(0), List.of(), null, 51);
            for (InboxSql.Statement statement : List.of(count, page)) {
                String plan = db.explain(statement.sql(), statement.params().toArray());

                assertThat(plan)
                        .as(view + ": " + statement.sql())
                        .contains("task_assignee_pkey")
                        .doesNotContain("Join Filter")
                        .doesNotContain("Seq Scan on task_assignee");
            }
        }
    }
}
