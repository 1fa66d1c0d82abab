package dev.signoff.review;

import dev.signoff.audit.AuditLog;
import dev.signoff.contract.ReviewRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Links the reviews of one execution and state across a redrive. Step Functions redrives a failed, timed-out or
 * aborted execution under the same ARN and re-runs the state that failed, so a review state sends a new request with
 * a new token: that new review supersedes the earlier one. The earlier run is told apart from a loop back into the
 * same state, or from a sibling iteration of a Map, by what only a redrive changes: a higher
 * {@code $$.Execution.RedriveCount} ({@code redriveCount}), or a request that entered the state after the execution
 * was seen to stop while the earlier one entered before. An earlier review still open is closed (its token is dead:
 * the run it belonged to ended); one already closed keeps its status. Both keep their history and point at each other.
 */
@ApplicationScoped
public class TaskRedrives {

    /** Candidates read at most: the reviews of one execution and state are few. */
    static final int MAX_CANDIDATES = 50;

    private final TaskLifecycle lifecycle;
    private final AuditLog audit;

    TaskRedrives(TaskLifecycle lifecycle, AuditLog audit) {
        this.lifecycle = lifecycle;
        this.audit = audit;
    }

    /**
     * Called for each new task ({@code request} is what it was opened from), in its intake transaction.
     * {@code executionStoppedAt}: the last end of the execution Signoff recorded, if any. Returns the review it
     * superseded. Only a redrive, or a request that entered its state after its execution stopped, can replace one;
     * that is told from the request, so the usual new task is not loaded back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> supersedeEarlier(
            UUID newTaskId, ReviewRequest request, Optional<Instant> executionStoppedAt) {
        boolean redriven = request.redriveCount().orElse(0) > 0;
        boolean enteredAfterStop = executionStoppedAt.isPresent()
                && request.enteredAt()
                        .filter(at -> at.isAfter(executionStoppedAt.get()))
                        .isPresent();
        if (request.stateName().isEmpty() || (!redriven && !enteredAfterStop)) {
            return Optional.empty();
        }
        ReviewTask fresh = ReviewTask.findById(newTaskId);
        List<ReviewTask> sameState = ReviewTask.<ReviewTask>find(
                        "executionArn = ?1 and stateName = ?2 and id <> ?3 and supersededBy is null"
                                + " order by receivedAt desc",
                        fresh.executionArn,
                        fresh.stateName,
                        fresh.id)
                .page(0, MAX_CANDIDATES)
                .list();
        Optional<ReviewTask> earlier = sameState.stream()
                .filter(t -> earlierRun(t, fresh, executionStoppedAt))
                .filter(t -> !approvedAndDelivered(t))
                // A Map redrives only its failed iterations: the one asking the same question is the one replaced.
                .min(Comparator.comparing((ReviewTask t) -> !Objects.equals(t.title, fresh.title)));
        return earlier.filter(old -> link(old, fresh)).map(t -> t.id);
    }

    /** Conditional, so of two new reviews racing for the same earlier one exactly one links it. */
    private boolean link(ReviewTask old, ReviewTask fresh) {
        if (ReviewTask.update("supersededBy = ?1 where id = ?2 and supersededBy is null", fresh.id, old.id) == 0) {
            return false;
        }
        ReviewTask.update("supersedes = ?1 where id = ?2", old.id, fresh.id);
        String holder = old.claimedBy == null ? "" : " (claimed by " + name(old) + ")";
        audit.record(AuditLog.SYSTEM, fresh.id, "SUPERSEDES", "the redriven execution's new review of task " + old.id);
        audit.record(AuditLog.SYSTEM, old.id, "SUPERSEDED", "by task " + fresh.id + holder);
        lifecycle.supersede(old.id, "The execution was redriven and asked again; a new review replaces this one.");
        return true;
    }

    private static boolean earlierRun(ReviewTask old, ReviewTask fresh, Optional<Instant> stoppedAt) {
        if (old.redriveCount != null && fresh.redriveCount != null) {
            return old.redriveCount < fresh.redriveCount;
        }
        if (stoppedAt.isEmpty() || fresh.enteredAt == null || !fresh.enteredAt.isAfter(stoppedAt.get())) {
            return false;
        }
        Instant oldEntered = old.enteredAt != null ? old.enteredAt : old.receivedAt;
        return !oldEntered.isAfter(stoppedAt.get());
    }

    /** Its state succeeded, and a redrive never runs a state that succeeded again. */
    private static boolean approvedAndDelivered(ReviewTask task) {
        return task.status == TaskStatus.DELIVERED
                && !TaskRows.rows(
                                "select 1 from decision d where d.task_id = ? and d.outcome = 'APPROVE'",
                                List.of(task.id))
                        .isEmpty();
    }

    private static String name(ReviewTask task) {
        return task.claimedByName != null ? task.claimedByName : task.claimedBy;
    }
}
