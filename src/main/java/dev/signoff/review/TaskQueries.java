package dev.signoff.review;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.UUID;

/**
 * The SQL of the hot reads (the inbox's: {@link InboxSql}). Each reads only the columns it returns, through an index of V4__hot_read_indexes.sql
 * (TaskQueryPlansTest checks the plans on PostgreSQL); the same text runs on H2 in the sandbox. Parameters are JDBC
 * {@code ?} so that the test can EXPLAIN exactly what the app runs.
 */
final class TaskQueries {

    static final String SUMMARY_COLUMNS = "t.id, t.title, t.status, t.status_reason, t.requested_by,"
            + " t.state_machine_arn, t.execution_arn, t.received_at, t.due_at, t.timeout_at, t.expires_at,"
            + " t.decided_at, t.closed_at";

    /** Parameters: now, the row limit. Served by ix_review_task_heartbeat. */
    static final String HEARTBEATS_DUE =
            "select t.id, t.token_ciphertext, t.token_hash, t.heartbeat_seconds from review_task t"
                    + " where t.next_heartbeat_at <= ? and t.status in ('PENDING', 'DECIDED')"
                    + " order by t.next_heartbeat_at limit ?";

    /** Parameters: now, the row limit. Served by ix_review_task_timeout. */
    static final String PAST_TIMEOUT = "select t.id, t.timeout_at, t.execution_arn, t.token_ciphertext, t.token_hash"
            + " from review_task t where t.status = 'PENDING' and t.timeout_at < ? order by t.timeout_at limit ?";

    /** Parameters: now, the row limit. Served by ix_review_task_expiry. */
    static final String PAST_EXPIRY = "select t.id, t.expires_at, t.execution_arn, t.token_ciphertext, t.token_hash,"
            + " t.on_expiry, t.escalated_at, t.timeout_at from review_task t where t.status = 'PENDING'"
            + " and t.expiry_check_at < ? order by t.expiry_check_at limit ?";

    /**
     * Parameters: the execution ARN, the stop date twice. Open reviews of an execution from before it ended (see
     * intake's ExecutionEnds for the rule). Served by ix_review_task_execution.
     */
    static final String OPEN_OF_EXECUTION_BEFORE = "select t.id from review_task t where t.execution_arn = ?"
            + " and t.status = 'PENDING' and ((t.entered_at is not null and t.entered_at <= ?)"
            + " or (t.entered_at is null and t.received_at <= ?))";

    /**
     * Parameters: the row limit. Waiting tasks for the reconciliation sweep: never checked first, then the longest
     * since their last check. Served by ix_review_task_reconcile.
     */
    static final String EXECUTION_CHECKS_DUE = "select t.id, t.execution_arn, t.execution_checked_at from review_task t"
            + " where t.status = 'PENDING' order by t.execution_checked_at nulls first, t.id limit ?";

    /**
     * Parameters: the instant, a cap. How many checks were made after it, counted up to the cap (those that closed
     * their task too): the sweep's budget shared by every instance. Served by ix_review_task_checked.
     */
    static final String EXECUTION_CHECKS_SINCE =
            "select count(*) from (select 1 from review_task t" + " where t.execution_checked_at > ? limit ?) c";

    /**
     * Ends each per-task assignee check ({@link #assigneeIn}): an OFFSET keeps PostgreSQL from turning the check into
     * a join, so it stays one probe of the assignee table's primary key per task row read. As a join, on a table whose statistics are older than its rows (right after a
     * burst, before autovacuum's next ANALYZE) the planner took both sides for one row and re-read every group
     * assignment for each task: 170 ms for a count over 1,000 tasks, seconds per inbox page (docs/performance.md).
     * H2 reads it the same way.
     */
    static final String ONE_PROBE_PER_TASK = " offset 0";

    private TaskQueries() {}

    /** Parameters: {@link #groupKey} of each group, then {@link #userKey} of the user. */
    static String assignedTo(int groups) {
        return assigneeIn(groups + 1);
    }

    /**
     * Whether the task has one of {@code keys} assignees, each {@code kind:name}. The key is an expression no index
     * serves, so the one way in is the primary key's task id: a few rows per task, whatever the statistics say.
     */
    static String assigneeIn(int keys) {
        return "exists (select 1 from task_assignee a where a.task_id = t.id and a.kind || ':' || a.name in ("
                + String.join(", ", Collections.nCopies(keys, "?")) + ")" + ONE_PROBE_PER_TASK + ")";
    }

    static String groupKey(String group) {
        return "GROUP:" + group;
    }

    static String userKey(String user) {
        return "USER:" + user;
    }

    /** JDBC drivers differ in what a timestamptz column comes back as (PostgreSQL: Timestamp; H2: OffsetDateTime). */
    static Instant instant(Object column) {
        if (column == null || column instanceof Instant) {
            return (Instant) column;
        }
        if (column instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("Not a timestamp: " + column.getClass());
    }

    /** Native queries return a uuid column as UUID on PostgreSQL but as its 16 bytes on H2 (the sandbox). */
    static UUID uuid(Object column) {
        if (column instanceof UUID id) {
            return id;
        }
        if (column instanceof byte[] bytes && bytes.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return UUID.fromString(column.toString());
    }
}
