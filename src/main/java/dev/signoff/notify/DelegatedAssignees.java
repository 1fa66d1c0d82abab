package dev.signoff.notify;

import dev.signoff.audit.AuditLog;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.review.TaskAssignee;
import dev.signoff.review.TaskOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A new task that names a user who is away: their delegate becomes a user assignee too (so they see it in their inbox
 * and may decide it), in the transaction that stores the task, and the task's trail says so. Only users the request
 * names count (not group members: the rest of the group is there), and never a delegate the request excludes or who
 * requested it. Delegation does not chain: a delegate's own delegation is not followed.
 */
@ApplicationScoped
class DelegatedAssignees {

    private final Delegations delegations;
    private final AuditLog audit;

    DelegatedAssignees(Delegations delegations, AuditLog audit) {
        this.delegations = delegations;
        this.audit = audit;
    }

    void onOpened(@Observes TaskOpened opened) {
        ReviewRequest request = opened.request();
        delegates(request).forEach((away, delegate) -> {
            new TaskAssignee(opened.taskId(), TaskAssignee.Kind.USER, delegate).persist();
            audit.record(
                    AuditLog.SYSTEM, opened.taskId(), "DELEGATED", "to " + delegate + " while " + away + " is away");
        });
    }

    /** Each named user who is away, with the delegate who takes their task (one row per delegate). */
    Map<String, String> delegates(ReviewRequest request) {
        Map<String, String> byDelegate = new LinkedHashMap<>();
        for (String user : request.assignees().users()) {
            delegateFor(user, request).ifPresent(to -> byDelegate.putIfAbsent(to, user));
        }
        Map<String, String> byAway = new LinkedHashMap<>();
        byDelegate.forEach((to, away) -> byAway.put(away, to));
        return byAway;
    }

    /** Whom {@code user}'s task goes to now: their delegate, if they are away and the delegate may decide it. */
    Optional<String> delegateFor(String user, ReviewRequest request) {
        return delegations
                .active(user)
                .map(d -> d.toUser)
                .filter(to -> !request.assignees().users().contains(to))
                .filter(to -> !request.assignees().excludeUsers().contains(to))
                .filter(to -> request.requestedBy().filter(to::equals).isEmpty());
    }
}
