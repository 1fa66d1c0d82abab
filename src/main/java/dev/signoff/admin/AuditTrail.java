package dev.signoff.admin;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Searches the audit trail for the admin page and the exports: newest first, keyset paged on (at, id) through the
 * V17 indexes, so the last page of a million events costs what the first does. Only reads: audit_event is
 * append-only (infra/db/runtime-grants.sql).
 */
@ApplicationScoped
public class AuditTrail {

    static final String COLUMNS =
            "select id, at, actor, actor_name, task_id, type, detail from audit_event" + " where (at, id) < (?2, ?3)";
    static final String ORDER = " order by at desc, id desc limit ?1";

    /** Rows an export reads per query: each batch is its own short transaction, never the whole table at once. */
    public static final int EXPORT_BATCH = 500;

    private static final Cursor AFTER_ALL =
            new Cursor(java.time.Instant.parse("9999-12-31T23:59:59Z"), new UUID(-1L, -1L));

    private final AdminConfig config;

    AuditTrail(AdminConfig config) {
        this.config = config;
    }

    /** One page of the admin page, starting after {@code before} (null: the newest). */
    @Transactional
    public Page<AuditEntry> page(AuditFilter filter, Cursor before) {
        List<AuditEntry> rows = read(filter, before, config.pageSize() + 1);
        if (rows.size() <= config.pageSize()) {
            return new Page<>(rows, null);
        }
        List<AuditEntry> shown = rows.subList(0, config.pageSize());
        AuditEntry last = shown.get(shown.size() - 1);
        return new Page<>(shown, new Cursor(last.at(), last.id()));
    }

    /** Up to {@code limit} events after {@code before}, newest first: an export calls this until a batch is short. */
    @Transactional
    public List<AuditEntry> batch(AuditFilter filter, Cursor before, int limit) {
        return read(filter, before, limit);
    }

    private List<AuditEntry> read(AuditFilter filter, Cursor before, int limit) {
        Cursor from = before == null ? AFTER_ALL : before;
        var query = Panache.getEntityManager()
                .createNativeQuery(sql(filter))
                .setParameter(1, limit)
                .setParameter(2, from.at())
                .setParameter(3, from.id());
        int next = 4;
        for (Object value : new Object[] {filter.taskId(), filter.actor(), filter.type(), filter.from(), filter.to()}) {
            if (value != null) {
                query.setParameter(next++, value);
            }
        }
        List<AuditEntry> rows = new ArrayList<>();
        for (Object o : query.getResultList()) {
            Object[] r = (Object[]) o;
            rows.add(new AuditEntry(
                    Rows.uuid(r[0]),
                    Rows.instant(r[1]),
                    Rows.text(r[2]),
                    Rows.text(r[3]),
                    Rows.uuid(r[4]),
                    Rows.text(r[5]),
                    Rows.text(r[6])));
        }
        return rows;
    }

    /** Parameters: limit, cursor at, cursor id, then task id, actor, type, from, to, each only when set. */
    static String sql(AuditFilter filter) {
        StringBuilder where = new StringBuilder(COLUMNS);
        int next = 4;
        if (filter.taskId() != null) {
            where.append(" and task_id = ?").append(next++);
        }
        if (filter.actor() != null) {
            where.append(" and actor = ?").append(next++);
        }
        if (filter.type() != null) {
            where.append(" and type = ?").append(next++);
        }
        if (filter.from() != null) {
            where.append(" and at >= ?").append(next++);
        }
        if (filter.to() != null) {
            where.append(" and at < ?").append(next);
        }
        return where.append(ORDER).toString();
    }
}
