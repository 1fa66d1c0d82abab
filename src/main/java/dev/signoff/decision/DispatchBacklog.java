package dev.signoff.decision;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Whether the dispatchers keep up: how long the oldest callback that is due has been waiting to be sent. A callback
 * waiting for its retry backoff is not due and does not count; one due for longer than a few poll intervals means no
 * instance is sending (all stopped, or Step Functions slower than the callbacks come in).
 */
@ApplicationScoped
public class DispatchBacklog {

    /** Parameter: the app's now. The first row of ix_outbox_due (status, next_attempt_at): one index read. */
    static final String OLDEST_DUE = "select next_attempt_at from outbox where status = 'PENDING'"
            + " and next_attempt_at <= ?1 order by next_attempt_at limit 1";

    private final Clock clock;

    DispatchBacklog(Clock clock) {
        this.clock = clock;
    }

    /** How long the oldest due callback has waited; zero when none is due. */
    @Transactional
    public Duration behind() {
        Instant now = clock.instant();
        return oldestDueSince(now)
                .map(since -> Duration.between(since, now))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    private static Optional<Instant> oldestDueSince(Instant now) {
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery(OLDEST_DUE)
                .setParameter(1, now)
                .getResultList();
        return rows.stream().findFirst().map(DispatchBacklog::instant);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("next_attempt_at came back as " + value.getClass());
    }
}
