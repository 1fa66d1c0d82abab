package dev.signoff.admin;

import dev.signoff.intake.DeadLetterQueue;
import dev.signoff.review.TaskSummary;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The dashboard's tiles. Every count is an index range read (V4, V9, V10) stopped at {@link #COUNT_CAP} rows, so a
 * backlog of a million tasks costs what ten thousand do.
 */
@ApplicationScoped
public class AdminDashboard {

    public static final int COUNT_CAP = 10_000;

    // ix_review_task_status (status, received_at) for the first; each other one names its index.
    static final String WAITING = "select 1 from review_task where status = 'PENDING'";
    static final String OVERDUE = WAITING + " and due_at < ?1"; // ix_review_task_pending_due
    static final String NEAR_TIMEOUT = WAITING + " and timeout_at >= ?1 and timeout_at < ?2"; // ix_review_task_timeout
    static final String EXPIRING = WAITING + " and expires_at < ?1"; // ix_review_task_expiry
    static final String FAILURES = "select 1 from outbox where status in ('FAILED', 'UNCONFIRMED')"
            + " and handled_at is null"; // ix_outbox_unhandled_failures
    static final String QUARANTINED = "select 1 from quarantine where handled_at is null"; // ix_quarantine_open
    static final String OLDEST = "select received_at from review_task where status = 'PENDING'"
            + " order by received_at, id limit 1"; // ix_review_task_pending_age
    // The longest-waiting tasks first, through ix_review_task_pending_age, grouped after the cap.
    static final String WAITING_BY_WORKFLOW = "select state_machine_arn, count(*) from (select state_machine_arn"
            + " from review_task where status = 'PENDING' order by received_at, id limit " + (COUNT_CAP + 1) + ") w"
            + " group by state_machine_arn";
    // Cleared when a task closes, so the first row of ix_review_task_heartbeat is the most overdue heartbeat.
    static final String OLDEST_HEARTBEAT = "select next_heartbeat_at from review_task"
            + " where next_heartbeat_at is not null order by next_heartbeat_at limit 1";

    private final AdminConfig config;
    private final DeadLetterQueue deadLetters;
    private final Clock clock;

    AdminDashboard(AdminConfig config, DeadLetterQueue deadLetters, Clock clock) {
        this.config = config;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Transactional
    public Tiles tiles() {
        Instant now = clock.instant();
        return new Tiles(
                count(WAITING),
                count(OVERDUE, now),
                count(NEAR_TIMEOUT, now, now.plus(config.nearTimeoutWindow())),
                count(EXPIRING, endOfToday(now)),
                count(FAILURES),
                count(QUARANTINED),
                deadLetters.depth(),
                oldestWaitingSince());
    }

    /** The backlog's gauges (no SQS call): see {@link Backlog}. */
    @Transactional
    public Backlog backlog() {
        Map<String, Long> byWorkflow = new HashMap<>();
        for (Object row : Panache.getEntityManager()
                .createNativeQuery(WAITING_BY_WORKFLOW)
                .getResultList()) {
            Object[] columns = (Object[]) row;
            byWorkflow.merge(
                    TaskSummary.stateMachineName(Rows.text(columns[0]), null),
                    ((Number) columns[1]).longValue(),
                    Long::sum);
        }
        return new Backlog(byWorkflow, oldestWaitingSince(), count(QUARANTINED), first(OLDEST_HEARTBEAT));
    }

    /** The dead-letter queue's depth alone (one SQS call, no database read); empty when unknown. */
    public OptionalLong deadLetters() {
        return deadLetters.depth();
    }

    /** The first instant of tomorrow, UTC: "expiring today" is anything before it. */
    static Instant endOfToday(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    private Instant oldestWaitingSince() {
        return first(OLDEST);
    }

    private static Instant first(String sql) {
        List<?> rows = Panache.getEntityManager().createNativeQuery(sql).getResultList();
        return rows.isEmpty() ? null : Rows.instant(rows.get(0));
    }

    private static long count(String rows, Object... parameters) {
        var query = Panache.getEntityManager()
                .createNativeQuery("select count(*) from (" + rows + " limit " + (COUNT_CAP + 1) + ") c");
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return Math.min(COUNT_CAP + 1L, ((Number) query.getSingleResult()).longValue());
    }
}
