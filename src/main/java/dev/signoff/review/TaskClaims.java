package dev.signoff.review;

import dev.signoff.audit.AuditLog;
import dev.signoff.security.Reviewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * "I'm on it": the one writer of a task's claim. Each change is a conditional update (so of two reviewers claiming at
 * once exactly one wins) with its audit event in the same transaction. A claim lapses {@code signoff.review.claim-idle}
 * after its holder last acted on the task; lapsing is a rule applied when the claim is read, so nothing has to sweep.
 */
@ApplicationScoped
public class TaskClaims {

    private final ReviewService reviews;
    private final DecisionRights rights;
    private final AuditLog audit;
    private final ReviewConfig config;
    private final Clock clock;

    TaskClaims(ReviewService reviews, DecisionRights rights, AuditLog audit, ReviewConfig config, Clock clock) {
        this.reviews = reviews;
        this.rights = rights;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** The claim on a task, if one holds now. */
    public Optional<Claim> activeClaim(ReviewTask task) {
        if (task.claimedBy == null || task.status() != TaskStatus.PENDING || task.claimActiveAt == null) {
            return Optional.empty();
        }
        Instant lapsesAt = task.claimActiveAt.plus(config.claimIdle());
        return clock.instant().isBefore(lapsesAt)
                ? Optional.of(new Claim(task.claimedBy, task.claimedByName, task.claimedAt, lapsesAt))
                : Optional.empty();
    }

    /**
     * Claims the task, or renews the reviewer's own claim. Someone else's active claim is only taken over by an admin
     * who asks for it ({@code takeOver}); the previous holder is named in the history. The requester and excluded
     * users never claim (see {@link DecisionRights}).
     */
    @Transactional
    public Claim claim(UUID taskId, Reviewer reviewer, boolean takeOver) {
        ReviewTask task = open(taskId, reviewer);
        if (!reviewer.isAdmin() && !reviews.isAssigned(taskId, reviewer)) {
            throw new TaskActionException(
                    TaskActionException.Reason.NOT_ASSIGNED,
                    "This review is not assigned to you, so you cannot claim it.");
        }
        // A claim says "I am deciding this": not for someone who never may.
        Optional<DecisionRights.Refusal> refusal =
                rights.refusal(task, reviewer).filter(DecisionRights.Refusal::separationOfDuties);
        if (refusal.isPresent()) {
            throw new TaskActionException(
                    TaskActionException.Reason.NOT_ALLOWED, refusal.get().message());
        }
        Optional<Claim> held = activeClaim(task).filter(c -> !c.heldBy(reviewer.id()));
        if (held.isPresent() && !(takeOver && reviewer.isAdmin())) {
            throw new TaskActionException(
                    TaskActionException.Reason.HELD_BY_OTHER,
                    held.get().holderName() + " is on it; only an admin can take the claim over.");
        }
        Instant now = clock.instant();
        boolean renewing = activeClaim(task).map(c -> c.heldBy(reviewer.id())).orElse(false);
        int updated = ReviewTask.update(
                "claimedBy = ?1, claimedByName = ?2, claimedAt = ?3, claimActiveAt = ?4, version = version + 1"
                        + " where id = ?5 and status = ?6 and version = ?7",
                reviewer.id(),
                reviewer.displayName(),
                renewing ? task.claimedAt : now,
                now,
                taskId,
                TaskStatus.PENDING,
                task.version);
        if (updated == 0) {
            throw lostRace(taskId);
        }
        if (held.isPresent()) {
            audit.record(
                    reviewer.id(),
                    reviewer.displayName(),
                    taskId,
                    "CLAIM_TAKEN_OVER",
                    "from " + held.get().holderName());
        } else if (!renewing) {
            audit.record(reviewer.id(), reviewer.displayName(), taskId, "CLAIMED", null);
        }
        return new Claim(
                reviewer.id(), reviewer.displayName(), renewing ? task.claimedAt : now, now.plus(config.claimIdle()));
    }

    /** Gives the claim up: its holder, or an admin. */
    @Transactional
    public void release(UUID taskId, Reviewer reviewer) {
        ReviewTask task = open(taskId, reviewer);
        Optional<Claim> held = activeClaim(task);
        if (held.isEmpty() || !(held.get().heldBy(reviewer.id()) || reviewer.isAdmin())) {
            throw new TaskActionException(
                    TaskActionException.Reason.NOT_HELD, "You do not hold a claim on this review.");
        }
        int updated = ReviewTask.update(
                "claimedBy = null, claimedByName = null, claimedAt = null, claimActiveAt = null,"
                        + " version = version + 1 where id = ?1 and version = ?2",
                taskId,
                task.version);
        if (updated == 0) {
            throw lostRace(taskId);
        }
        String detail = held.get().heldBy(reviewer.id())
                ? null
                : "claim of " + held.get().holderName();
        audit.record(reviewer.id(), reviewer.displayName(), taskId, "RELEASED", detail);
    }

    /**
     * Clears the claim of a task an admin has just reassigned, since its holder may no longer be assigned; audited
     * when the claim was still active (a lapsed one is shown as nobody's already). The caller holds the row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void releaseOnReassign(UUID taskId, String actor, String actorName) {
        ReviewTask task = ReviewTask.findById(taskId);
        Optional<Claim> held = activeClaim(task);
        ReviewTask.update(
                "claimedBy = null, claimedByName = null, claimedAt = null, claimActiveAt = null where id = ?1", taskId);
        held.ifPresent(c -> audit.record(
                actor,
                actorName,
                taskId,
                "RELEASED",
                "claim of " + c.holderName() + ": the review was reassigned away from them"));
    }

    /** The holder acted on the task (commented): their claim holds claim-idle from now. */
    @Transactional(Transactional.TxType.MANDATORY)
    void touch(UUID taskId, String reviewerId) {
        ReviewTask.update(
                "claimActiveAt = ?1 where id = ?2 and claimedBy = ?3 and status = ?4",
                clock.instant(),
                taskId,
                reviewerId,
                TaskStatus.PENDING);
    }

    private ReviewTask open(UUID taskId, Reviewer reviewer) {
        ReviewTask task = reviews.visibleTask(taskId, reviewer);
        if (task.status() != TaskStatus.PENDING) {
            throw new TaskActionException(
                    TaskActionException.Reason.CLOSED, "This review no longer waits for a decision.");
        }
        return task;
    }

    // Whoever claims reads the version and writes only if it is unchanged, so of two claims racing one loses here.
    private static TaskActionException lostRace(UUID taskId) {
        ReviewTask now = ReviewTask.findById(taskId);
        if (now == null || now.status() != TaskStatus.PENDING) {
            return new TaskActionException(
                    TaskActionException.Reason.CLOSED, "This review no longer waits for a decision.");
        }
        return new TaskActionException(
                TaskActionException.Reason.HELD_BY_OTHER, "Someone changed the claim at the same moment; look again.");
    }
}
