package dev.signoff.admin;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Notifications not delivered (REFUSED, FAILED), newest first: the dashboard's few and the admin list behind them.
 * A settled notice's next_attempt_at is when it was settled, so ix_notification_due (status, next_attempt_at) serves
 * both, keyset-paged.
 */
@ApplicationScoped
public class UndeliveredNotices {

    /** Shown on the dashboard; the list has the rest. */
    public static final int ON_DASHBOARD = 5;

    static final String UNDELIVERED = "select n.id, n.task_id, t.title, n.kind, n.channel, n.recipient, n.address,"
            + " n.status, n.last_error, n.attempts, n.next_attempt_at from notification n"
            + " left join review_task t on t.id = n.task_id where n.status in ('REFUSED', 'FAILED')"
            + " and (n.next_attempt_at, n.id) < (?2, ?3) order by n.next_attempt_at desc, n.id desc limit ?1";

    private static final Cursor AFTER_ALL = new Cursor(Instant.parse("9999-12-31T23:59:59Z"), new UUID(-1L, -1L));

    private final AdminConfig config;

    UndeliveredNotices(AdminConfig config) {
        this.config = config;
    }

    /** One page, starting after {@code before} (null: the newest). */
    @Transactional
    public Page<Undelivered> page(Cursor before) {
        List<Undelivered> rows = read(before, config.pageSize() + 1);
        if (rows.size() <= config.pageSize()) {
            return new Page<>(rows, null);
        }
        List<Undelivered> shown = rows.subList(0, config.pageSize());
        Undelivered last = shown.get(shown.size() - 1);
        return new Page<>(shown, new Cursor(last.at(), last.id()));
    }

    /** The newest few, and whether there are more. */
    @Transactional
    public Page<Undelivered> latest() {
        List<Undelivered> rows = read(null, ON_DASHBOARD + 1);
        if (rows.size() <= ON_DASHBOARD) {
            return new Page<>(rows, null);
        }
        List<Undelivered> shown = rows.subList(0, ON_DASHBOARD);
        Undelivered last = shown.get(shown.size() - 1);
        return new Page<>(shown, new Cursor(last.at(), last.id()));
    }

    private static List<Undelivered> read(Cursor before, int limit) {
        Cursor from = before == null ? AFTER_ALL : before;
        List<Undelivered> rows = new ArrayList<>();
        for (Object o : Panache.getEntityManager()
                .createNativeQuery(UNDELIVERED)
                .setParameter(1, limit)
                .setParameter(2, from.at())
                .setParameter(3, from.id())
                .getResultList()) {
            Object[] r = (Object[]) o;
            rows.add(new Undelivered(
                    Rows.uuid(r[0]),
                    Rows.uuid(r[1]),
                    Rows.text(r[2]),
                    Rows.text(r[3]),
                    Rows.text(r[4]),
                    Rows.text(r[5]),
                    Rows.text(r[6]),
                    Rows.text(r[7]),
                    Rows.text(r[8]),
                    ((Number) r[9]).intValue(),
                    Rows.instant(r[10])));
        }
        return rows;
    }
}
