package dev.signoff.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.PlanningDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analytics queries read their window through an index on 100,000 tasks (one a minute over ten weeks) and their
 * decisions, never a sequential scan: a window of a day or a week reads that day's or week's rows.
 */
class AnalyticsQueryPlanTest {

    private static final Pattern PARAMETER = Pattern.compile("\\?([12])");
    private static PlanningDatabase db;

    @BeforeAll
    static void create() throws Exception {
        db = PlanningDatabase.create("plans_analytics");
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
    }

    @Test
    void requests_read_the_window_through_the_received_index() throws Exception {
        for (AnalyticsWindow window : List.of(AnalyticsWindow.DAY, AnalyticsWindow.WEEK)) {
            assertThat(plan(AnalyticsSql.requests(window), window))
                    .contains("ix_review_task_received")
                    .doesNotContain("Seq Scan");
        }
    }

    @Test
    void decisions_durations_and_the_distribution_read_the_window_through_the_decided_index() throws Exception {
        for (AnalyticsWindow window : List.of(AnalyticsWindow.DAY, AnalyticsWindow.WEEK)) {
            for (String sql : List.of(
                    AnalyticsSql.decisions(window),
                    AnalyticsSql.DURATIONS,
                    AnalyticsSql.DURATIONS_ALL,
                    AnalyticsSql.DISTRIBUTION)) {
                assertThat(plan(sql, window))
                        .as(sql)
                        .contains("ix_decision_decided")
                        .doesNotContain("Seq Scan");
            }
        }
    }

    @Test
    void closed_reviews_read_the_window_through_the_close_order_index() throws Exception {
        for (AnalyticsWindow window : List.of(AnalyticsWindow.DAY, AnalyticsWindow.WEEK)) {
            assertThat(plan(AnalyticsSql.CLOSED, window))
                    .contains("ix_review_task_closed_order")
                    .doesNotContain("Seq Scan");
        }
    }

    /** Binds JPA's ?1 (the window's start) and ?2 (now) wherever they appear, as plain JDBC parameters. */
    private static String plan(String sql, AnalyticsWindow window) throws Exception {
        Instant now = Instant.now();
        List<Object> bound = new ArrayList<>();
        Matcher m = PARAMETER.matcher(sql);
        while (m.find()) {
            bound.add(m.group(1).equals("1") ? window.from(now) : now);
        }
        return db.explain(PARAMETER.matcher(sql).replaceAll("?"), bound.toArray());
    }
}
