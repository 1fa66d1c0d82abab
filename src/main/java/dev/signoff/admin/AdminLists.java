package dev.signoff.admin;

import dev.signoff.decision.DeliveryFailures;
import dev.signoff.intake.QuarantineRecords;
import dev.signoff.intake.Reprocessing;
import dev.signoff.review.ReviewConfig;
import dev.signoff.review.TaskSummary;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The lists behind the tiles. Each reads only the columns it shows, through the index its tile counts with. */
@ApplicationScoped
public class AdminLists {

    static final String STALLED_COLUMNS = "select id, title, state_machine_arn, execution_arn, state_name, received_at,"
            + " due_at, timeout_at, expires_at, claimed_by_name, claim_active_at, last_heartbeat_at, execution_status,"
            + " execution_checked_at from review_task";

    // Keyset paging over ix_review_task_pending_age (status, received_at, id): the 200th page costs what the first
    // does.
    static final String STALLED_ORDER = " and (received_at, id) > (?1, ?2) order by received_at, id limit ?3";

    // An index-only scan of ix_review_task_pending_group (status, state_machine_arn, state_name, ...).
    static final String GROUPS = "select state_machine_arn, state_name, count(*) from review_task"
            + " where status = 'PENDING' group by state_machine_arn, state_name order by count(*) desc,"
            + " state_machine_arn, state_name limit ?1";

    static final String FAILURES = "select o.id, o.task_id, t.title, o.kind, o.decision_id, o.quarantine_id, o.status,"
            + " o.last_error, o.attempts, o.created_at, o.error_code from outbox o left join review_task t on t.id = o.task_id"
            + " where o.status in ('FAILED', 'UNCONFIRMED') and o.handled_at is null"
            + " and (o.created_at, o.id) < (?2, ?3) order by o.created_at desc, o.id desc limit ?1";

    // failed: its Signoff.InvalidRequest was delivered (ix_outbox_token); one that failed to deliver left the
    // execution waiting, which is when Re-process is offered.
    static final String QUARANTINE = "select q.id, q.received_at, q.receive_count, q.reason, q.body, q.execution_arn,"
            + " q.action, exists (select 1 from outbox o where o.token_hash = q.token_hash and o.task_id is null"
            + " and o.status = 'DELIVERED') as failed from quarantine q where q.handled_at is null"
            + " and (q.received_at, q.id) < (?2, ?3) order by q.received_at desc, q.id desc limit ?1";

    private static final Instant BEFORE_ALL = Instant.parse("1970-01-01T00:00:00Z");
    private static final Cursor AFTER_ALL =
            new Cursor(Instant.parse("9999-12-31T23:59:59Z"), new java.util.UUID(-1L, -1L));

    private final AdminConfig config;
    private final ReviewConfig review;
    private final DeliveryFailures failures;
    private final Reprocessing reprocessing;
    private final Clock clock;

    AdminLists(
            AdminConfig config,
            ReviewConfig review,
            DeliveryFailures failures,
            Reprocessing reprocessing,
            Clock clock) {
        this.config = config;
        this.review = review;
        this.failures = failures;
        this.reprocessing = reprocessing;
        this.clock = clock;
    }

    @Transactional
    public Stalled stalled(StalledFilter filter, StalledGroup group, Cursor after) {
        Instant now = clock.instant();
        var query = Panache.getEntityManager()
                .createNativeQuery(stalledSql(filter, group))
                .setParameter(1, after == null ? BEFORE_ALL : after.at())
                .setParameter(2, after == null ? new java.util.UUID(0, 0) : after.id())
                .setParameter(3, config.pageSize() + 1);
        switch (filter) {
            case OVERDUE -> query.setParameter(4, now);
            case NEAR_TIMEOUT -> query.setParameter(4, now).setParameter(5, now.plus(config.nearTimeoutWindow()));
            case EXPIRING_TODAY -> query.setParameter(4, AdminDashboard.endOfToday(now));
            case ALL -> {}
        }
        int next = 4 + filter.parameters();
        if (group != null && group.stateMachineArn() != null) {
            query.setParameter(next++, group.stateMachineArn());
        }
        if (group != null && group.state() != null) {
            query.setParameter(next, group.state());
        }
        List<Stalled.Row> rows = new ArrayList<>();
        for (Object o : query.getResultList()) {
            rows.add(row((Object[]) o, now));
        }
        List<Stalled.Count> groups = groups();
        if (rows.size() <= config.pageSize()) {
            return new Stalled(filter, group, groups, rows, null);
        }
        rows.remove(rows.size() - 1);
        Stalled.Row last = rows.get(rows.size() - 1);
        return new Stalled(filter, group, groups, rows, new Cursor(last.receivedAt(), last.id()));
    }

    private Stalled.Row row(Object[] r, Instant now) {
        Instant active = Rows.instant(r[10]);
        boolean held = r[9] != null
                && active != null
                && active.plus(review.claimIdle()).isAfter(now);
        return new Stalled.Row(
                Rows.uuid(r[0]),
                Rows.text(r[1]),
                TaskSummary.stateMachineName(Rows.text(r[2]), Rows.text(r[3])),
                Rows.text(r[4]),
                Rows.text(r[3]),
                Rows.instant(r[5]),
                Rows.instant(r[6]),
                Rows.instant(r[7]),
                Rows.instant(r[8]),
                held ? Rows.text(r[9]) : null,
                Rows.instant(r[11]),
                Rows.text(r[12]),
                Rows.instant(r[13]));
    }

    private List<Stalled.Count> groups() {
        List<Stalled.Count> groups = new ArrayList<>();
        List<?> counted = Panache.getEntityManager()
                .createNativeQuery(GROUPS)
                .setParameter(1, config.pageSize() + 1)
                .getResultList();
        for (Object o : counted) {
            Object[] r = (Object[]) o;
            String arn = Rows.text(r[0]);
            groups.add(new Stalled.Count(
                    new StalledGroup(arn, Rows.text(r[1])),
                    TaskSummary.stateMachineName(arn, null),
                    ((Number) r[2]).longValue()));
        }
        return groups.size() > config.pageSize() ? groups.subList(0, config.pageSize()) : groups;
    }

    /**
     * Parameters: cursor received_at, cursor id, limit, then the filter's instants (now; the window's end), then the
     * group's state machine ARN and state name, each only when not null.
     */
    static String stalledSql(StalledFilter filter, StalledGroup group) {
        int next = 4 + filter.parameters();
        String inGroup = "";
        if (group != null) {
            inGroup = (group.stateMachineArn() == null
                            ? " and state_machine_arn is null"
                            : " and state_machine_arn = ?" + next++)
                    + (group.state() == null ? " and state_name is null" : " and state_name = ?" + next);
        }
        return STALLED_COLUMNS
                + " where status = 'PENDING'"
                + switch (filter) {
                    case ALL -> "";
                    case OVERDUE -> " and due_at < ?4";
                    case NEAR_TIMEOUT -> " and timeout_at >= ?4 and timeout_at < ?5";
                    case EXPIRING_TODAY -> " and expires_at < ?4";
                }
                + inGroup
                + STALLED_ORDER;
    }

    @Transactional
    public Page<Failure> failures(Cursor before) {
        List<Failure> rows = new ArrayList<>();
        for (Object o : read(FAILURES, before)) {
            Object[] r = (Object[]) o;
            var id = Rows.uuid(r[0]);
            String status = Rows.text(r[6]);
            rows.add(new Failure(
                    id,
                    Rows.uuid(r[1]),
                    Rows.text(r[2]),
                    callback(Rows.text(r[3]), r[4] != null, r[5] != null, Rows.text(r[10])),
                    status,
                    Rows.text(r[7]),
                    ((Number) r[8]).intValue(),
                    Rows.instant(r[9]),
                    "UNCONFIRMED".equals(status)
                            ? "it may have landed: check the execution before anything else"
                            : failures.whyNotRetryable(id)));
        }
        return page(rows, f -> new Cursor(f.createdAt(), f.id()));
    }

    @Transactional
    public Page<Quarantined> quarantine(Cursor before) {
        List<Quarantined> rows = new ArrayList<>();
        for (Object o : read(QUARANTINE, before)) {
            Object[] r = (Object[]) o;
            String action = Rows.text(r[6]);
            rows.add(new Quarantined(
                    Rows.uuid(r[0]),
                    Rows.instant(r[1]),
                    ((Number) r[2]).intValue(),
                    Rows.text(r[3]),
                    QuarantineRecords.shownBody(Rows.text(r[4])),
                    Rows.text(r[5]),
                    action,
                    Boolean.TRUE.equals(r[7]),
                    reprocessing.whyNot(Rows.uuid(r[0]))));
        }
        return page(rows, q -> new Cursor(q.receivedAt(), q.id()));
    }

    private static String callback(String kind, boolean decision, boolean quarantine, String error) {
        if (quarantine) {
            return "Signoff.InvalidRequest for a quarantined request";
        }
        if (!decision) {
            // Signoff.Expired, or Signoff.Cancelled from an admin's cancel
            return error;
        }
        return "SUCCESS".equals(kind) ? "decision (success)" : "decision (failure)";
    }

    /** Newest first, starting after {@code before} (null: the newest). */
    private List<?> read(String sql, Cursor before) {
        Cursor from = before == null ? AFTER_ALL : before;
        return Panache.getEntityManager()
                .createNativeQuery(sql)
                .setParameter(1, config.pageSize() + 1)
                .setParameter(2, from.at())
                .setParameter(3, from.id())
                .getResultList();
    }

    private <T> Page<T> page(List<T> rows, Function<T, Cursor> cursor) {
        if (rows.size() <= config.pageSize()) {
            return new Page<>(rows, null);
        }
        List<T> shown = rows.subList(0, config.pageSize());
        return new Page<>(shown, cursor.apply(shown.get(shown.size() - 1)));
    }
}
