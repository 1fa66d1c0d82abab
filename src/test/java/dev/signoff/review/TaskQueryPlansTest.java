package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.PlanningDatabase;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hot reads of review tasks, exactly as the app sends them, are planned through the indexes of V4 on PostgreSQL
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

    @Test
    void the_inbox_reads_only_open_tasks_through_an_index() throws SQLException {
        String plan = db.explain(TaskQueries.inbox(2), "group-3", "group-4", "riley", 501);

        // The reviewer's open tasks are then sorted by due date: keyset paging over an index in due order comes
        // with the inbox's views and filters.
        assertThat(plan)
                .containsPattern("Index (Only )?Scan (on|using) ix_review_task_\\w+")
                .doesNotContain("Seq Scan on review_task");
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
                .contains("ix_review_task_expiry")
                .doesNotContain("Seq Scan");
    }
}
