package dev.signoff.notify;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Burst handling: once a person got {@code burst-threshold} new-task mails within {@code burst-window}, further new
 * tasks are held (a DIGEST notice with the task, never mailed on its own) for one burst digest, sent when the window
 * from the first held task has passed, that lists them all. Its occurrence is "burst " and the instant it was opened.
 */
@ApplicationScoped
class Bursts {

    static final String PREFIX = "burst ";

    private static final String RECENT = "select recipient, count(*) from notification where kind = 'NEW_TASK'"
            + " and recipient in (?1) and created_at > ?2 group by recipient";
    private static final String OPEN = "select occurrence from notification where kind = 'DIGEST' and task_id is null"
            + " and recipient = ?1 and status = 'PENDING' and occurrence like 'burst %' order by occurrence desc";

    private final NotifyConfig config;
    private final Clock clock;

    Bursts(NotifyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** New-task mails each of these people got within the burst window (one query). */
    @SuppressWarnings("unchecked")
    Map<String, Long> recent(Collection<String> recipients) {
        Map<String, Long> counts = new HashMap<>();
        if (recipients.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = Panache.getEntityManager()
                .createNativeQuery(RECENT)
                .setParameter(1, recipients)
                .setParameter(2, clock.instant().minus(config.digest().burstWindow()))
                .getResultList();
        rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    boolean tooMany(long recent) {
        return recent >= config.digest().burstThreshold();
    }

    /** The notices that hold this task for the person's burst digest: the held task, and the digest if none is open. */
    @SuppressWarnings("unchecked")
    List<Notice> hold(UUID taskId, Person person) {
        Instant now = clock.instant();
        List<String> open = Panache.getEntityManager()
                .createNativeQuery(OPEN)
                .setParameter(1, person.id())
                .getResultList();
        String occurrence = open.isEmpty() ? PREFIX + now : open.get(0);
        Notice held = Notice.mail(Notification.Kind.DIGEST, taskId, person, occurrence, now);
        if (!open.isEmpty()) {
            return List.of(held);
        }
        Notice digest = Notice.mail(
                Notification.Kind.DIGEST,
                null,
                person,
                occurrence,
                now.plus(config.digest().burstWindow()));
        return List.of(held, digest);
    }
}
