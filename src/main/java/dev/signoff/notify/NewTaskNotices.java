package dev.signoff.notify;

import dev.signoff.contract.ReviewRequest;
import dev.signoff.review.TaskOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A new task: one mail to each assignee, written in the transaction that stores the task, as each person wants it
 * ({@link NotifyMode}): IMMEDIATE a NEW_TASK mail (held for a burst digest past the burst threshold), DIGEST and OFF
 * none. Someone away gets none: the tasks named for them go to their delegate, in the delegate's mode.
 */
@ApplicationScoped
class NewTaskNotices {

    private final NotifyConfig config;
    private final Recipients recipients;
    private final Notifications notifications;
    private final Preferences preferences;
    private final Delegations delegations;
    private final DelegatedAssignees delegated;
    private final Directory directory;
    private final Bursts bursts;
    private final Clock clock;

    NewTaskNotices(
            NotifyConfig config,
            Recipients recipients,
            Notifications notifications,
            Preferences preferences,
            Delegations delegations,
            DelegatedAssignees delegated,
            Directory directory,
            Bursts bursts,
            Clock clock) {
        this.config = config;
        this.recipients = recipients;
        this.notifications = notifications;
        this.preferences = preferences;
        this.delegations = delegations;
        this.delegated = delegated;
        this.directory = directory;
        this.bursts = bursts;
        this.clock = clock;
    }

    void onOpened(@Observes TaskOpened opened) {
        if (!config.enabled()) {
            return;
        }
        List<Person> people = people(opened.request());
        List<String> ids = people.stream().map(Person::id).toList();
        Map<String, NotifyMode> modes = preferences.modes(ids);
        Map<String, Long> recent = bursts.recent(ids);
        List<Notice> notices = new ArrayList<>();
        for (Person person : people) {
            if (modes.get(person.id()) != NotifyMode.IMMEDIATE) {
                continue;
            }
            if (bursts.tooMany(recent.getOrDefault(person.id(), 0L))) {
                notices.addAll(bursts.hold(opened.taskId(), person));
            } else {
                notices.add(notice(opened.taskId(), person));
            }
        }
        notifications.write(notices);
    }

    /** The assignees, without those who are away, with the delegates of the away users the request names. */
    private List<Person> people(ReviewRequest request) {
        List<Person> assignees = recipients.assignees(request);
        Set<String> away = delegations.away(assignees.stream().map(Person::id).toList());
        Map<String, Person> byId = new LinkedHashMap<>();
        for (Person person : assignees) {
            if (!away.contains(person.id())) {
                byId.putIfAbsent(person.id(), person);
            }
        }
        delegated
                .delegates(request)
                .values()
                .forEach(to -> directory.person(to).ifPresent(p -> byId.putIfAbsent(to, p)));
        return List.copyOf(byId.values());
    }

    private Notice notice(UUID taskId, Person person) {
        return Notice.mail(Notification.Kind.NEW_TASK, taskId, person, "", clock.instant());
    }
}
