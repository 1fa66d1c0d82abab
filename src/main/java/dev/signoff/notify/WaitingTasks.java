package dev.signoff.notify;

import dev.signoff.review.ReviewService;
import dev.signoff.review.ReviewTask;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The waiting tasks a person may decide, for their digest: assigned to them by name, or to a group the
 * {@link Directory} puts them in, and neither requested by them nor excluding them. Soonest due first (so overdue
 * ones lead), tasks without a due time last.
 */
@ApplicationScoped
class WaitingTasks {

    private static final String PENDING_NAMES = "select distinct a.kind, a.name from task_assignee a"
            + " join review_task t on t.id = a.task_id where t.status = 'PENDING'";
    private static final String FOR_PERSON = "select t.id from review_task t where t.status = 'PENDING' and exists"
            + " (select 1 from task_assignee a where a.task_id = t.id and ((a.kind = 'USER' and a.name = ?1)"
            + " or (a.kind = 'GROUP' and a.name in (?2)))) order by t.due_at asc nulls last, t.received_at, t.id";

    private final Directory directory;
    private final ReviewService reviews;

    WaitingTasks(Directory directory, ReviewService reviews) {
        this.directory = directory;
        this.reviews = reviews;
    }

    /** Everyone a waiting task is assigned to: the users it names and the members of its groups. */
    Set<String> assignedPeople() {
        Set<String> people = new LinkedHashSet<>();
        for (Object[] row : pendingNames()) {
            String name = (String) row[1];
            if ("USER".equals(row[0])) {
                people.add(name);
            } else {
                directory.members(name).forEach(p -> people.add(p.id()));
            }
        }
        return people;
    }

    /** The person's waiting tasks, soonest due first. */
    @SuppressWarnings("unchecked")
    List<ReviewTask> forPerson(String personId) {
        List<String> groups = new ArrayList<>();
        groups.add(""); // no group has the empty name; keeps IN () valid
        for (Object[] row : pendingNames()) {
            String group = (String) row[1];
            if ("GROUP".equals(row[0]) && directory.members(group).stream().anyMatch(p -> p.id().equals(personId))) {
                groups.add(group);
            }
        }
        List<UUID> ids = Panache.getEntityManager()
                .createNativeQuery(FOR_PERSON)
                .setParameter(1, personId)
                .setParameter(2, groups)
                .getResultList();
        return decidableBy(personId, ids);
    }

    /** These tasks, those still waiting that the person may decide, in the given order. */
    List<ReviewTask> decidableBy(String personId, Collection<UUID> ids) {
        List<ReviewTask> tasks = new ArrayList<>();
        for (UUID id : ids) {
            ReviewTask task = ReviewTask.findById(id);
            if (task != null
                    && task.status() == dev.signoff.review.TaskStatus.PENDING
                    && !personId.equals(task.requestedBy)
                    && !reviews.request(task).assignees().excludeUsers().contains(personId)) {
                tasks.add(task);
            }
        }
        return tasks;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> pendingNames() {
        return Panache.getEntityManager().createNativeQuery(PENDING_NAMES).getResultList();
    }
}
