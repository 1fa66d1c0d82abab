package dev.signoff.review;

import dev.signoff.audit.AuditLog;
import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequestParser;
import dev.signoff.security.Reviewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Opens review tasks and answers who may see and decide them. */
@ApplicationScoped
public class ReviewService {

    private static final String ASSIGNED_TO = "exists (select 1 from TaskAssignee a where a.key.taskId = t.id and"
            + " ((a.key.kind = 'GROUP' and a.key.name in ?1) or (a.key.kind = 'USER' and a.key.name = ?2)))";

    private final AuditLog audit;
    private final ReviewRequestParser parser;
    private final Clock clock;

    ReviewService(AuditLog audit, ReviewRequestParser parser, Clock clock) {
        this.audit = audit;
        this.parser = parser;
        this.clock = clock;
    }

    /** The request behind a task, as stored at intake (valid then, with the token redacted). */
    public ReviewRequest request(ReviewTask task) {
        Parsed parsed = parser.parse(task.requestJson);
        if (parsed instanceof Parsed.Valid valid) {
            return valid.request();
        }
        throw new IllegalStateException(
                "Stored request of task " + task.id + " no longer parses: " + ((Parsed.Invalid) parsed).problems());
    }

    @Transactional
    public Optional<UUID> findByTokenHash(String tokenHash) {
        return ReviewTask.byTokenHash(tokenHash).map(t -> t.id);
    }

    /** Stores a validated request as a PENDING task. The token arrives sealed and is never stored in clear. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID open(ReviewRequest request, String requestJson, String tokenHash, String sealedToken) {
        ReviewTask task = new ReviewTask();
        task.id = UUID.randomUUID();
        task.tokenHash = tokenHash;
        task.tokenCiphertext = sealedToken;
        task.executionArn = request.executionArn();
        task.stateMachineArn = request.stateMachineArn().orElse(null);
        task.stateName = request.stateName().orElse(null);
        task.title = request.title();
        task.requestJson = requestJson;
        task.requestedBy = request.requestedBy().orElse(null);
        task.status = TaskStatus.PENDING;
        task.enteredAt = request.enteredAt().orElse(null);
        task.receivedAt = clock.instant();
        task.dueAt = request.dueAt().orElse(null);
        task.timeoutAt = request.timeoutAt().orElse(null);
        task.expiresAt = request.expiresAt().orElse(null);
        task.heartbeatSeconds = request.heartbeatSeconds().orElse(null);
        task.persist();
        request.assignees().groups().forEach(g -> new TaskAssignee(task.id, TaskAssignee.Kind.GROUP, g).persist());
        request.assignees().users().forEach(u -> new TaskAssignee(task.id, TaskAssignee.Kind.USER, u).persist());
        audit.record(AuditLog.SYSTEM, task.id, "TASK_OPENED", "from " + request.executionArn());
        return task.id;
    }

    /** How many tasks wait for a decision, across all reviewers. */
    @Transactional
    public long countOpen() {
        return ReviewTask.count("status", TaskStatus.PENDING);
    }

    /** Open tasks this reviewer may decide, soonest due first. */
    @Transactional
    public List<TaskSummary> inbox(Reviewer reviewer) {
        return ReviewTask.<ReviewTask>find(
                        "from ReviewTask t where t.status = ?3 and " + ASSIGNED_TO
                                + " order by case when t.dueAt is null then 1 else 0 end, t.dueAt, t.receivedAt",
                        groupsOf(reviewer),
                        reviewer.id(),
                        TaskStatus.PENDING)
                .page(0, 500)
                .stream()
                .map(TaskSummary::of)
                .toList();
    }

    /** Recently closed tasks this reviewer could see, newest first. */
    @Transactional
    public List<TaskSummary> recentlyClosed(Reviewer reviewer, int limit) {
        return ReviewTask.<ReviewTask>find(
                        "from ReviewTask t where t.status <> ?3 and " + ASSIGNED_TO + " order by t.receivedAt desc",
                        groupsOf(reviewer),
                        reviewer.id(),
                        TaskStatus.PENDING)
                .page(0, limit)
                .stream()
                .map(TaskSummary::of)
                .toList();
    }

    /** The task, if this reviewer may see it (assigned, or an admin); otherwise as if it did not exist. */
    @Transactional
    public ReviewTask visibleTask(UUID taskId, Reviewer reviewer) {
        ReviewTask task = ReviewTask.findById(taskId);
        if (task == null || !(reviewer.isAdmin() || isAssigned(taskId, reviewer))) {
            throw new TaskAccessException(taskId);
        }
        return task;
    }

    /** Whether the task is assigned to this reviewer or one of their groups. */
    @Transactional
    public boolean isAssigned(UUID taskId, Reviewer reviewer) {
        return ReviewTask.count(
                        "from ReviewTask t where t.id = ?3 and " + ASSIGNED_TO,
                        groupsOf(reviewer),
                        reviewer.id(),
                        taskId)
                > 0;
    }

    @Transactional
    public List<String> assignees(UUID taskId) {
        return TaskAssignee.<TaskAssignee>find("key.taskId", taskId).stream()
                .map(a -> (a.key.kind().equals("GROUP") ? "group " : "user ") + a.key.name())
                .sorted()
                .toList();
    }

    private static List<String> groupsOf(Reviewer reviewer) {
        // An empty IN list is not valid SQL on every database; the empty name, which no assignee can have (the
        // contract refuses it), keeps the query simple.
        List<String> groups = new ArrayList<>(reviewer.groups());
        groups.add("");
        return groups;
    }
}
