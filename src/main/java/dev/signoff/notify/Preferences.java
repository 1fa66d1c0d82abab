package dev.signoff.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** People's notification modes: their own choice, or {@code signoff.notify.default-mode}. */
@ApplicationScoped
public class Preferences {

    private final NotifyConfig config;
    private final Clock clock;

    Preferences(NotifyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public NotifyMode mode(String userId) {
        NotificationPreference own = NotificationPreference.findById(userId);
        return own == null ? config.defaultMode() : own.mode;
    }

    /** The modes of these people, in one query. */
    @Transactional
    Map<String, NotifyMode> modes(Collection<String> userIds) {
        Map<String, NotifyMode> modes = new HashMap<>();
        userIds.forEach(id -> modes.put(id, config.defaultMode()));
        if (!userIds.isEmpty()) {
            NotificationPreference.<NotificationPreference>list("userId in ?1", userIds)
                    .forEach(p -> modes.put(p.userId, p.mode));
        }
        return modes;
    }

    /** Whether this mode is the person's own choice rather than the default. */
    @Transactional
    public boolean chosen(String userId) {
        return NotificationPreference.findById(userId) != null;
    }

    @Transactional
    public void choose(String userId, NotifyMode mode) {
        NotificationPreference own = NotificationPreference.findById(userId);
        if (own == null) {
            own = new NotificationPreference();
            own.userId = userId;
            own.mode = mode;
            own.updatedAt = clock.instant();
            own.persist();
        } else {
            own.mode = mode;
            own.updatedAt = clock.instant();
        }
    }

    public NotifyMode defaultMode() {
        return config.defaultMode();
    }

    /** Who chose this mode themselves. */
    @Transactional
    List<String> choosing(NotifyMode mode) {
        return NotificationPreference.<NotificationPreference>list("mode", mode).stream()
                .map(p -> p.userId)
                .toList();
    }
}
