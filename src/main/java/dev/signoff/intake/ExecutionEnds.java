package dev.signoff.intake;

import dev.signoff.review.TaskLifecycle;
import dev.signoff.review.TaskStatus;
import dev.signoff.review.TaskSweeps;
import dev.signoff.sql.BatchLookup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Withdraws the reviews of executions that ended before anyone decided. A review is cancelled only when it is known
 * to belong to the ended run: its request entered the review state at or before the stop ({@code enteredAt}, from
 * {@code $$.State.EnteredTime}). A redriven execution keeps its ARN and re-enters the review state with a new token
 * after the stop, so its new review stays open even if an old end event arrives late or twice. A request without
 * {@code enteredAt} cannot be placed that way; it is cancelled only if Signoff had already stored it before the stop
 * (it must then have entered before), never when it arrives after the end event, as a redrive's request would.
 * DECIDED tasks are left alone: their callback meets TaskTimedOut and the dispatcher's history check decides.
 */
@ApplicationScoped
class ExecutionEnds {

    private static final Logger LOG = Logger.getLogger(ExecutionEnds.class);
    static final Duration KEEP_ENDS = Duration.ofDays(15);
    /** The event id of an end the reconciliation sweep found, rather than an EventBridge event. */
    static final String DESCRIBED = "DescribeExecution";

    private final TaskSweeps sweeps;
    private final TaskLifecycle lifecycle;
    private final Clock clock;

    ExecutionEnds(TaskSweeps sweeps, TaskLifecycle lifecycle, Clock clock) {
        this.sweeps = sweeps;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** Remembers the end (the latest one, for an execution redriven and ended again); a duplicate changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    EndedExecution record(ExecutionEvent event) {
        EndedExecution ended = EndedExecution.findById(event.executionArn());
        if (ended == null) {
            ended = new EndedExecution();
            ended.executionArn = event.executionArn();
            ended.status = event.status();
            ended.stopDate = event.stopDate();
            ended.eventId = event.eventId();
            ended.receivedAt = clock.instant();
            ended.persist();
        } else if (event.stopDate().isAfter(ended.stopDate)) {
            ended.status = event.status();
            ended.stopDate = event.stopDate();
            ended.eventId = event.eventId();
            ended.receivedAt = clock.instant();
        }
        return ended;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Optional<EndedExecution> find(String executionArn) {
        return Optional.ofNullable(EndedExecution.findById(executionArn));
    }

    /**
     * Which of these executions have a recorded end: one query for a whole received batch. Plain JDBC on the
     * transaction's connection (sql/BatchLookup), so it sees only what is flushed: intake asks before it writes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Set<String> endedAmong(Collection<String> executionArns) {
        Set<String> ended = new HashSet<>();
        EndedExecution.getEntityManager()
                .unwrap(Session.class)
                .doWork(connection -> BatchLookup.forEachRow(
                        connection,
                        "select execution_arn from ended_execution where " + BatchLookup.in("execution_arn"),
                        executionArns,
                        row -> ended.add(row.getString(1))));
        return ended;
    }

    /** Cancels the execution's open reviews from before this end; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    int cancelOpenReviews(EndedExecution ended) {
        String reason = reason(ended);
        int cancelled = 0;
        for (UUID taskId : sweeps.openOfExecutionBefore(ended.executionArn, ended.stopDate)) {
            if (lifecycle.cancel(taskId, reason)) {
                LOG.infof("Task %s cancelled: its execution ended (%s)", taskId, ended.status);
                cancelled++;
            }
        }
        return cancelled;
    }

    /**
     * What the reconciliation sweep found with DescribeExecution, applied as the end event it stands for: recorded,
     * and the execution's open reviews from before {@code stopDate} cancelled. Returns how many.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int described(String executionArn, String status, Instant stopDate) {
        // An ended execution always has a stop date; should one ever be missing, the check itself came after the end.
        Instant stop = stopDate == null ? clock.instant() : stopDate;
        return cancelOpenReviews(record(new ExecutionEvent(DESCRIBED, executionArn, status, stop)));
    }

    /**
     * Catches the one race the two queues leave: a request stored while its end event was being applied, each
     * transaction not seeing the other's uncommitted row. Both commit, and the review stays open; the next sweep
     * cancels it by the same rule.
     */
    @Scheduled(
            every = "60s",
            delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void sweep() {
        List<EndedExecution> withOpenReviews = EndedExecution.list(
                "from EndedExecution e where exists (select 1 from ReviewTask t"
                        + " where t.executionArn = e.executionArn and t.status = ?1)",
                TaskStatus.PENDING);
        withOpenReviews.forEach(this::cancelOpenReviews);
    }

    /**
     * Forgets ends no late request can refer to any more: a request sent before the stop stays on the review queue at
     * most its retention (14 days at most in SQS), and a redrive's requests enter after the stop and never need the
     * record. A day's margin on top.
     */
    @Scheduled(
            every = "1h",
            delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void prune() {
        long removed = EndedExecution.delete("stopDate < ?1", clock.instant().minus(KEEP_ENDS));
        if (removed > 0) {
            LOG.infof("Forgot %d ended executions older than %s", removed, KEEP_ENDS);
        }
    }

    static String reason(EndedExecution ended) {
        return "The execution ended (" + ended.status + " at " + ended.stopDate + ") before anyone decided";
    }
}
