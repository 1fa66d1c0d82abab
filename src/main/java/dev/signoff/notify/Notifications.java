package dev.signoff.notify;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The notification outbox's one writer: every notice is written here, inside the transaction of the event that causes
 * it. A notice that exists already (same kind, task, occurrence and recipient) is left as it is, so an event seen
 * twice, or by two instances, still gives one notice.
 */
@ApplicationScoped
public class Notifications {

    // Portable across PostgreSQL and H2 (no ON CONFLICT): the unique dedupe key decides, and the NOT EXISTS keeps the
    // common repeat from raising a constraint violation that would doom the caller's transaction.
    private static final String INSERT = "insert into notification (id, kind, channel, task_id, recipient, address,"
            + " occurrence, dedupe_key, status, attempts, next_attempt_at, created_at)"
            + " select ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'PENDING', 0, ?9, ?10"
            + " where not exists (select 1 from notification where dedupe_key = ?8)";

    private final Clock clock;

    Notifications(Clock clock) {
        this.clock = clock;
    }

    /** Writes each notice that does not exist yet; returns how many were new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int write(List<Notice> notices) {
        int written = 0;
        for (Notice notice : notices) {
            written += Panache.getEntityManager()
                    .createNativeQuery(INSERT)
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, notice.kind().name())
                    .setParameter(3, notice.channel().name())
                    .setParameter(4, notice.taskId())
                    .setParameter(5, notice.recipient())
                    .setParameter(6, notice.address())
                    .setParameter(7, notice.occurrence())
                    .setParameter(8, notice.dedupeKey())
                    .setParameter(9, notice.notBefore())
                    .setParameter(10, clock.instant())
                    .executeUpdate();
        }
        return written;
    }

    /** The notices about one task, oldest first (the task page and the tests). */
    @Transactional
    public List<Notification> forTask(UUID taskId) {
        return Notification.list("taskId = ?1 order by createdAt, recipient", taskId);
    }
}
