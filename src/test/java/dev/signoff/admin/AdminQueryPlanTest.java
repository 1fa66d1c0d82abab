package dev.signoff.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.PlanningDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's counts and lists read through indexes on 100,000 tasks, never a sequential scan of the table. */
class AdminQueryPlanTest {

    private static final Pattern PARAMETER = Pattern.compile("\\?(\\d+)");
    private static PlanningDatabase db;

    @BeforeAll
    static void create() throws Exception {
        db = PlanningDatabase.create("plans_admin");
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
    }

    @Test
    void every_tile_count_reads_through_an_index() throws Exception {
        Instant now = Instant.now();
        assertIndexed(count(AdminDashboard.WAITING));
        assertIndexed(count(AdminDashboard.OVERDUE), now);
        assertIndexed(count(AdminDashboard.NEAR_TIMEOUT), now, now.plus(Duration.ofHours(24)));
        assertIndexed(count(AdminDashboard.EXPIRING), AdminDashboard.endOfToday(now));
        assertIndexed(count(AdminDashboard.FAILURES));
        assertIndexed(AdminDashboard.OLDEST);
    }

    @Test
    void the_metrics_gauges_read_through_an_index() throws Exception {
        assertIndexed(AdminDashboard.WAITING_BY_WORKFLOW);
        assertIndexed(AdminDashboard.OLDEST_HEARTBEAT);
    }

    @Test
    void each_stalled_list_pages_through_an_index() throws Exception {
        Instant now = Instant.now();
        Object[] keyset = {Instant.parse("2020-01-01T00:00:00Z"), new UUID(0, 0), 51};
        assertIndexed(AdminLists.stalledSql(StalledFilter.ALL, null), keyset);
        assertIndexed(AdminLists.stalledSql(StalledFilter.OVERDUE, null), keyset[0], keyset[1], keyset[2], now);
        assertIndexed(
                AdminLists.stalledSql(StalledFilter.NEAR_TIMEOUT, null),
                keyset[0],
                keyset[1],
                keyset[2],
                now,
                now.plus(Duration.ofHours(24)));
        Object[] newest = {51, Instant.parse("9999-12-31T23:59:59Z"), new UUID(-1L, -1L)};
        assertIndexed(AdminLists.FAILURES, newest);
    }

    @Test
    void the_group_counts_and_one_groups_pages_read_through_the_group_index() throws Exception {
        Instant now = Instant.now();
        Object[] keyset = {Instant.parse("2020-01-01T00:00:00Z"), new UUID(0, 0), 51};
        String workflow = "arn:aws:states:us-east-1:123456789012:stateMachine:wf-3";
        StalledGroup group = new StalledGroup(workflow, "HumanReview");

        assertIndexed(AdminLists.GROUPS, 51);
        String plan = assertIndexed(
                AdminLists.stalledSql(StalledFilter.ALL, group),
                keyset[0],
                keyset[1],
                keyset[2],
                workflow,
                "HumanReview");
        assertThat(plan).contains("ix_review_task_pending_group");
        assertIndexed(
                AdminLists.stalledSql(StalledFilter.OVERDUE, group),
                keyset[0],
                keyset[1],
                keyset[2],
                now,
                workflow,
                "HumanReview");
        assertIndexed(
                AdminLists.stalledSql(StalledFilter.ALL, new StalledGroup(null, null)),
                keyset[0],
                keyset[1],
                keyset[2]);
    }

    private static String count(String rows) {
        return "select count(*) from (" + rows + " limit " + (AdminDashboard.COUNT_CAP + 1) + ") c";
    }

    /** Binds JPA's numbered parameters (?1, ?2, ...) in the order they appear, as plain JDBC ones. */
    private static String assertIndexed(String sql, Object... numbered) throws Exception {
        List<Object> bound = new ArrayList<>();
        Matcher m = PARAMETER.matcher(sql);
        while (m.find()) {
            bound.add(numbered[Integer.parseInt(m.group(1)) - 1]);
        }
        String plan = db.explain(PARAMETER.matcher(sql).replaceAll("?"), bound.toArray());
        assertThat(plan).as(sql).contains("ix_").doesNotContain("Seq Scan on review_task", "Seq Scan on outbox");
        return plan;
    }
}
