package dev.signoff.review;

import dev.signoff.contract.ReviewRequest;
import dev.signoff.security.Reviewer;
import dev.signoff.security.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Who may decide a task they can see, and why not. Separation of duties comes first: the person the request names
 * as {@code requestedBy} and the users in {@code assignees.excludeUsers} never decide or claim, whatever their
 * groups, and an admin's role does not change that. Then assignment: an admin sees every task, but decides only
 * what is assigned to them or their groups unless {@code signoff.security.admins-may-decide-unassigned} is set, so
 * that "admin" is no backdoor approval.
 */
@ApplicationScoped
public class DecisionRights {

    /** Why a reviewer may not decide, in words for the page and the API's problem. */
    public enum Refusal {
        NOT_ASSIGNED("This review is not assigned to you or to any of your groups."),
        ADMIN_NOT_ASSIGNED("You see this review as an admin, but it is not assigned to you or to any of your groups:"
                + " admins decide only the reviews assigned to them."),
        REQUESTER("You requested this review, so you cannot decide it: someone else has to (separation of duties)."),
        EXCLUDED("You are excluded from deciding this review: the workflow lists you in assignees.excludeUsers.");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }

        /** The requester or an excluded user: refused claims too, not only decisions. */
        public boolean separationOfDuties() {
            return this == REQUESTER || this == EXCLUDED;
        }
    }

    private final ReviewService reviews;
    private final SecurityConfig security;

    DecisionRights(ReviewService reviews, SecurityConfig security) {
        this.reviews = reviews;
        this.security = security;
    }

    /** Empty when this reviewer may decide the (visible) task now; otherwise why not. */
    @Transactional
    public Optional<Refusal> refusal(ReviewTask task, Reviewer reviewer) {
        return judge(
                reviews.request(task),
                reviewer,
                reviews.isAssigned(task.id, reviewer),
                security.adminsMayDecideUnassigned());
    }

    /** The rule itself, on what the database said: whether the task is assigned to the reviewer or their groups. */
    static Optional<Refusal> judge(
            ReviewRequest request, Reviewer reviewer, boolean assigned, boolean adminsMayDecideUnassigned) {
        if (request.requestedBy().filter(reviewer::isNamedBy).isPresent()) {
            return Optional.of(Refusal.REQUESTER);
        }
        // Matched as assignees.users is: by the assignee claim only.
        if (reviewer.assigneeName() != null
                && request.assignees().excludeUsers().contains(reviewer.assigneeName())) {
            return Optional.of(Refusal.EXCLUDED);
        }
        if (assigned) {
            return Optional.empty();
        }
        if (reviewer.isAdmin()) {
            return adminsMayDecideUnassigned ? Optional.empty() : Optional.of(Refusal.ADMIN_NOT_ASSIGNED);
        }
        return Optional.of(Refusal.NOT_ASSIGNED);
    }
}
