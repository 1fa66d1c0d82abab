package dev.signoff.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
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
        event.detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        event.persist();
    }
}
