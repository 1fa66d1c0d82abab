package dev.signoff.review;

import static dev.signoff.review.TaskQueries.instant;
import static dev.signoff.review.TaskQueries.uuid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the background jobs look for: tasks whose deadline passed, heartbeats that are due, the open reviews of an
 * ended execution. Each is one indexed query that reads only what the job needs; the job then moves each task through
 * {@link TaskLifecycle}, which skips any task that changed in between.
 */
@ApplicationScoped
public class TaskSweeps {

    /** An open task past a deadline, with what it takes to tell its workflow. */
    public record Overdue(UUID taskId, Instant deadline, String executionArn, String sealedToken, String tokenHash) {}

    /** A waiting execution whose next heartbeat is due. */
    public record HeartbeatDue(UUID taskId, String sealedToken, String tokenHash, int heartbeatSeconds) {}

    /** PENDING tasks whose timeoutAt (Step Functions' own deadline) has passed, oldest first. */
    @Transactional
    public List<Overdue> pastTimeout(Instant now, int limit) {
        return overdue(TaskQueries.PAST_TIMEOUT, now, limit);
    }

    @Transactional
    public List<HeartbeatDue> heartbeatsDue(Instant now, int limit) {
        return TaskRows.rows(TaskQueries.HEARTBEATS_DUE, List.of(now, limit)).stream()
                .map(row -> (Object[]) row)
                .map(c -> new HeartbeatDue(uuid(c[0]), (String) c[1], (String) c[2], ((Number) c[3]).intValue()))
                .toList();
    }

    /** The execution's PENDING tasks whose request entered the review state at or before {@code endedAt}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> openOfExecutionBefore(String executionArn, Instant endedAt) {
        return TaskRows.rows(TaskQueries.OPEN_OF_EXECUTION_BEFORE, List.of(executionArn, endedAt, endedAt)).stream()
                .map(TaskQueries::uuid)
                .toList();
    }

    private static List<Overdue> overdue(String sql, Instant now, int limit) {
        return TaskRows.rows(sql, List.of(now, limit)).stream()
                .map(row -> (Object[]) row)
                .map(c -> new Overdue(uuid(c[0]), instant(c[1]), (String) c[2], (String) c[3], (String) c[4]))
                .toList();
    }
}
