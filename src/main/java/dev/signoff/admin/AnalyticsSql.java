package dev.signoff.admin;

/**
 * The analytics queries, as PostgreSQL and H2 both run them (regexp_replace, EXTRACT(EPOCH ...), PERCENTILE_CONT ...
 * WITHIN GROUP). Each reads one window, ?1 inclusive to ?2 exclusive, through the index its comment names, and groups
 * by workflow; the page's workflow filter picks rows out of the grouped result, so a filter costs nothing more.
 */
final class AnalyticsSql {

    /**
     * A task's workflow: the state machine's name from its ARN (without a version or alias), else the name inside the
     * execution ARN, as the inbox names it (review/TaskSummary#stateMachineName).
     */
    static final String WORKFLOW = "coalesce(regexp_replace(regexp_replace(t.state_machine_arn,"
            + " '^arn:[^:]+:states:[^:]*:[^:]*:stateMachine:', ''), ':.*$', ''),"
            + " regexp_replace(regexp_replace(t.execution_arn, '^arn:[^:]+:states:[^:]*:[^:]*:[^:]+:', ''),"
            + " ':.*$', ''))";

    /**
     * The window's decisions with their tasks. A task's decided_at is its decision's (one instant, written in the
     * same transaction: decision/DecisionService), so both sides are bounded by the window and each is read through
     * its own index (ix_decision_decided, ix_review_task_decided: V13) instead of the whole task table for the join.
     */
    private static final String DECIDED = " from decision d join review_task t on t.id = d.task_id"
            + " where d.decided_at >= ?1 and d.decided_at < ?2 and t.decided_at >= ?1 and t.decided_at < ?2";

    private static final String SECONDS = "extract(epoch from d.decided_at) - extract(epoch from t.received_at)";

    // Tasks that left the review in the window: closed, or decided with the callback on its way. The expression is
    // the one ix_review_task_closed_order (V9) indexes on PostgreSQL.
    private static final String CLOSED_AT = "coalesce(t.closed_at, t.decided_at, t.received_at)";

    /** Per workflow: tasks that left the review in the window, how many of them cancelled, how many expired. */
    static final String CLOSED = "select workflow, count(*),"
            + " sum(case when status = 'CANCELLED' then 1 else 0 end),"
            + " sum(case when decided_at is null and status <> 'CANCELLED' then 1 else 0 end)"
            + " from (select " + WORKFLOW + " as workflow, t.status, t.decided_at from review_task t"
            + " where t.status <> 'PENDING' and " + CLOSED_AT + " >= ?1 and " + CLOSED_AT + " < ?2) c"
            + " group by workflow";

    /** Per workflow: p50 and p95 of the seconds from arrival to decision. */
    static final String DURATIONS = "select workflow, " + percentiles() + " from (select " + WORKFLOW + " as workflow, "
            + SECONDS + " as seconds" + DECIDED + ") s group by workflow";

    /** The same over every workflow together. */
    static final String DURATIONS_ALL =
            "select " + percentiles() + " from (select " + SECONDS + " as seconds" + DECIDED + ") s";

    /** Per workflow and time-to-decision bin: how many decisions. */
    static final String DISTRIBUTION = "select workflow, bin, count(*) from (select " + WORKFLOW + " as workflow, "
            + TimeToDecision.binSql("(" + SECONDS + ")") + " as bin" + DECIDED + ") b group by workflow, bin";

    private AnalyticsSql() {}

    /** Per workflow and bucket: requests received (ix_review_task_received, V13). */
    static String requests(AnalyticsWindow window) {
        return "select workflow, bucket, count(*) from (select " + WORKFLOW + " as workflow, "
                + bucket("t.received_at", window) + " as bucket from review_task t"
                + " where t.received_at >= ?1 and t.received_at < ?2) r group by workflow, bucket";
    }

    /** Per workflow, bucket, outcome and whether the output was edited: decisions made. */
    static String decisions(AnalyticsWindow window) {
        return "select workflow, bucket, outcome, edited, count(*) from (select " + WORKFLOW + " as workflow, "
                + bucket("d.decided_at", window) + " as bucket, d.outcome, d.edited" + DECIDED
                + ") x group by workflow, bucket, outcome, edited";
    }

    /** Hours or UTC days since the epoch, whatever the session's time zone: {@link AnalyticsWindow#bucketOf}. */
    private static String bucket(String column, AnalyticsWindow window) {
        return "cast(floor(extract(epoch from " + column + ") / "
                + window.bucket().toSeconds() + ") as bigint)";
    }

    private static String percentiles() {
        return "percentile_cont(0.5) within group (order by seconds),"
                + " percentile_cont(0.95) within group (order by seconds)";
    }
}
