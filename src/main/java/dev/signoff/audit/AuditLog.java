package dev.signoff.audit;

import dev.signoff.sql.BatchInsert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Writes audit events inside the caller's transaction, so an event exists exactly when its change does. */
@ApplicationScoped
public class AuditLog {

    public static final String SYSTEM = "signoff";
    private static final int MAX_DETAIL = 4000;

    private final Clock clock;

    AuditLog(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, UUID taskId, String type, String detail) {
        record(actor, null, taskId, type, detail);
    }

    /** One task's event of a batch ({@link #recordAll}). */
    public record Entry(UUID taskId, String detail) {}

    /**
     * The same kind of event by Signoff for each of many tasks (intake's TASK_OPENED for a received batch), written
     * at once as one JDBC batch ({@link BatchInsert}); nothing reads these rows back in the transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(String type, List<Entry> entries) {
        OffsetDateTime at = clock.instant().atOffset(ZoneOffset.UTC);
        BatchInsert.insertAll(
                AuditEvent.getEntityManager(),
                "insert into audit_event (id, at, actor, task_id, type, detail) values (?, ?, ?, ?, ?, ?)",
                entries,
                (insert, entry) -> {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, at);
                    insert.setString(3, SYSTEM);
                    insert.setObject(4, entry.taskId());
                    insert.setString(5, type);
                    insert.setString(6, cut(entry.detail()));
                });
    }

    /** An event done by a person: their stable id, and their name as people read it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String actorName, UUID taskId, String type, String detail) {
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID();
        event.at = clock.instant();
        event.actor = actor;
        event.actorName = actorName;
        event.taskId = taskId;
        event.type = type;
        event.detail = cut(detail);
        event.persist();
    }

    private static String cut(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }
}
