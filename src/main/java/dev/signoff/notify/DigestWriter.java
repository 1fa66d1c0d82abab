package dev.signoff.notify;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Writes the daily digests: once the clock (UTC) passes {@code signoff.notify.digest.at}, one DIGEST notice per person
 * whose mode is DIGEST and who has something waiting, with the date as its occurrence, so however often this runs, and
 * on however many instances, a person gets one digest a day. The sender composes it from the tasks as they are then.
 */
@ApplicationScoped
class DigestWriter {

    private static final Logger LOG = Logger.getLogger(DigestWriter.class);
    private static final String WRITTEN =
            "select recipient from notification where kind = 'DIGEST'" + " and task_id is null and occurrence = ?1";

    private final NotifyConfig config;
    private final Preferences preferences;
    private final Delegations delegations;
    private final WaitingTasks waiting;
    private final Directory directory;
    private final Notifications notifications;
    private final Clock clock;

    DigestWriter(
            NotifyConfig config,
            Preferences preferences,
            Delegations delegations,
            WaitingTasks waiting,
            Directory directory,
            Notifications notifications,
            Clock clock) {
        this.config = config;
        this.preferences = preferences;
        this.delegations = delegations;
        this.waiting = waiting;
        this.directory = directory;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Scheduled(
            every = "${signoff.notify.digest.check-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (!config.enabled()) {
            return;
        }
        try {
            writeDue();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Writing digests failed (%s); trying again next round",
                    e.getClass().getSimpleName());
        }
    }

    /** Writes today's digests that are due and not written yet; returns how many it wrote. */
    @Transactional
    @SuppressWarnings("unchecked")
    int writeDue() {
        Instant now = clock.instant();
        LocalTime time = LocalTime.ofInstant(now, ZoneOffset.UTC);
        if (time.isBefore(config.digest().at())) {
            return 0;
        }
        String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        Set<String> written = Set.copyOf(Panache.getEntityManager()
                .createNativeQuery(WRITTEN)
                .setParameter(1, day)
                .getResultList());
        Set<String> candidates = new LinkedHashSet<>(preferences.choosing(NotifyMode.DIGEST));
        if (preferences.defaultMode() == NotifyMode.DIGEST) {
            candidates.addAll(waiting.assignedPeople());
        }
        candidates.removeAll(written);
        Map<String, NotifyMode> modes = preferences.modes(candidates);
        candidates.removeIf(id -> modes.get(id) != NotifyMode.DIGEST);
        candidates.removeAll(delegations.away(candidates));
        List<Notice> notices = new ArrayList<>();
        for (String id : candidates) {
            directory
                    .person(id)
                    .filter(p -> !waiting.forPerson(id).isEmpty())
                    .ifPresent(p -> notices.add(Notice.mail(Notification.Kind.DIGEST, null, p, day, now)));
        }
        return notifications.write(notices);
    }
}
