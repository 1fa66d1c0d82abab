package dev.signoff.review;

import static dev.signoff.review.TaskQueries.instant;
import static dev.signoff.review.TaskQueries.uuid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The reconciliation sweep's records on each waiting task: the execution status DescribeExecution last gave, and when
 * it was asked. Not the task's status (that is {@link TaskLifecycle}'s); a task an ended execution leaves behind is
 * closed through TaskLifecycle. Several instances share the work: a check is claimed first by moving
 * {@code execution_checked_at} from the value it was picked with, so of two instances that pick the same task one asks.
 */
@ApplicationScoped
public class ExecutionChecks {

    /** The key of the transaction-scoped lock under which an instance counts what is left and claims its share. */
    static final long BUDGET_LOCK = 0x5349474e4f4646L; // "SIGNOFF"

    private final boolean postgres;

    ExecutionChecks(@ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.postgres = dbKind.startsWith("postgres");
    }

    /** A waiting task as the sweep picked it; {@code checkedAt} null when never checked. */
    public record Due(UUID taskId, String executionArn, Instant checkedAt) {}

    /** A check this instance owns: {@code claimedAt} replaced {@code previous}. */
    public record Claim(UUID taskId, String executionArn, Instant previous, Instant claimedAt) {}

    /** Never-checked tasks first, then the longest since their check. */
    @Transactional
    public List<Due> due(int limit) {
        return TaskRows.rows(TaskQueries.EXECUTION_CHECKS_DUE, List.of(limit)).stream()
                .map(row -> (Object[]) row)
                .map(c -> new Due(uuid(c[0]), (String) c[1], instant(c[2])))
                .toList();
    }

    /** Checks made after {@code since} (of waiting tasks, and of those the check closed), counted up to {@code cap}. */
    @Transactional
    public int checkedSince(Instant since, int cap) {
        return ((Number) TaskRows.rows(TaskQueries.EXECUTION_CHECKS_SINCE, List.of(since, cap))
                        .get(0))
                .intValue();
    }

    /**
     * What is left of {@code budget} after the checks made since {@code since}, claimed at {@code now}, as one
     * transaction under a lock all instances share (PostgreSQL's advisory lock; the sandbox's H2 runs one instance):
     * two instances starting a round at once would otherwise both count the same checks and together claim more than
     * the budget. The lock ends with the transaction, when the claims are committed and the next one counts them.
     */
    @Transactional
    public List<Claim> claimShare(Instant since, int budget, Instant now) {
        if (postgres) {
            TaskRows.rows("select count(*) from (select pg_advisory_xact_lock(" + BUDGET_LOCK + ")) l", List.of());
        }
        int left = budget - checkedSince(since, budget);
        List<Claim> claimed = new ArrayList<>();
        for (Due due : left <= 0 ? List.<Due>of() : due(left)) {
            claim(due, now).ifPresent(claimed::add);
        }
        return claimed;
    }

    /** Empty: the task closed, or another instance claimed it since it was picked. */
    @Transactional
    public Optional<Claim> claim(Due due, Instant now) {
        // Stored to the millisecond, which both databases keep exactly, so the claim can be matched again.
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        String set = "executionCheckedAt = ?1 where id = ?2 and status = ?3 and executionCheckedAt ";
        int claimed = due.checkedAt() == null
                ? ReviewTask.update(set + "is null", at, due.taskId(), TaskStatus.PENDING)
                : ReviewTask.update(set + "= ?4", at, due.taskId(), TaskStatus.PENDING, due.checkedAt());
        return claimed == 1
                ? Optional.of(new Claim(due.taskId(), due.executionArn(), due.checkedAt(), at))
                : Optional.empty();
    }

    /** What the execution's status was when the claimed check asked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Claim claim, String executionStatus) {
        ReviewTask.update("executionStatus = ?1 where id = ?2", executionStatus, claim.taskId());
    }

    /**
     * The claimed check was not made after all (its round ran out of time): the task goes back to where it stood in
     * the order, first in line for the next round, unless someone checked it since.
     */
    @Transactional
    public void release(Claim claim) {
        ReviewTask.update(
                "executionCheckedAt = ?1 where id = ?2 and executionCheckedAt = ?3",
                claim.previous(),
                claim.taskId(),
                claim.claimedAt());
    }
}
