package dev.signoff.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

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
     * at once as one JDBC batch on the transaction's connection. Hibernate's flush of as many entities cost more CPU
     * than the statement itself (docs/performance.md, "Intake"); nothing reads these rows back in the transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(String type, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        OffsetDateTime at = clock.instant().atOffset(ZoneOffset.UTC);
        AuditEvent.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into audit_event (id, at, actor, task_id, type, detail) values (?, ?, ?, ?, ?, ?)")) {
                for (Entry entry : entries) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, at);
                    insert.setString(3, SYSTEM);
                    insert.setObject(4, entry.taskId());
                    insert.setString(5, type);
                    insert.setString(6, cut(entry.detail()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
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
