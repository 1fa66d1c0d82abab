package dev.signoff.intake;

import dev.signoff.audit.AuditLog;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

/** What admins may do with quarantined requests: read their bodies safely and dismiss them with a note. */
@ApplicationScoped
public class QuarantineRecords {

    private final AuditLog audit;
    private final Clock clock;

    QuarantineRecords(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The stored body as an admin may see it. Intake stores it with the token already replaced; a body that was no JSON
     * object (so could not be searched for a token) is stored sealed and is not shown at all.
     */
    public static String shownBody(String stored) {
        if (stored == null) {
            return "";
        }
        return stored.startsWith(IntakeService.SEALED_PREFIX)
                ? "(not shown: the body was not a JSON object, so it is stored encrypted in case it holds a token)"
                : stored;
    }

    /** Takes an entry off the dashboard; false when it was already dismissed or does not exist. */
    @Transactional
    public boolean dismiss(UUID id, String actor, String actorName, String note) {
        int updated = Panache.getEntityManager()
                .createNativeQuery("update quarantine set handled_at = ?1, handled_by = ?2, handled_note = ?3"
                        + " where id = ?4 and handled_at is null")
                .setParameter(1, clock.instant())
                .setParameter(2, actor)
                .setParameter(3, note)
                .setParameter(4, id)
                .executeUpdate();
        if (updated == 1) {
            audit.record(actor, actorName, null, "QUARANTINE_DISMISSED", "quarantine " + id + ": " + note);
        }
        return updated == 1;
    }
}
