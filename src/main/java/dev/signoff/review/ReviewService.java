package dev.signoff.review;

import dev.signoff.audit.AuditEvent;
import dev.signoff.audit.AuditLog;
import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequestParser;
import dev.signoff.security.Reviewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Answers who may see and decide review tasks, and reads what the inbox and the task page show. */
@ApplicationScoped
public class ReviewService {

    /** The most rows one inbox list shows; {@link Inbox#more()} says when there are more. */
    public static final int INBOX_LIMIT = 500;

    /** One list of tasks as shown, and whether more matched than it holds. */
    public record Inbox(List<TaskSummary> tasks, boolean more) {}

    private static final String ASSIGNED_TO = "exists (select 1 from TaskAssignee a where a.key.taskId = t.id and"
            + " ((a.key.kind = 'GROUP' and a.key.name in ?1) or (a.key.kind = 'USER' and a.key.name = ?2)))";

    private static final String VIEWED = "VIEWED";

    private final ReviewRequestParser parser;
    private final AuditLog audit;

    ReviewService(ReviewRequestParser parser, AuditLog audit) {
        this.parser = parser;
        this.audit = audit;
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
        return ReviewTask.<ReviewTask>find("tokenHash", tokenHash)
                .firstResultOptional()
                .map(t -> t.id);
    }

    /** How many tasks wait for a decision, across all reviewers. */
    @Transactional
    public long countOpen() {
        return ReviewTask.count("status", TaskStatus.PENDING);
    }

    /** Open tasks this reviewer may decide, soonest due first. */
    @Transactional
    public Inbox inbox(Reviewer reviewer) {
        return slice(
                TaskRows.summaries(TaskQueries.inbox(reviewer.groups().size()), params(reviewer, INBOX_LIMIT + 1)));
    }

    /** Tasks this reviewer could see that were closed or decided most recently, newest first. */
    @Transactional
    public List<TaskSummary> recentlyClosed(Reviewer reviewer, int limit) {
        return TaskRows.summaries(TaskQueries.recentlyClosed(reviewer.groups().size()), params(reviewer, limit));
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
        // An empty IN list is not valid SQL on every database; the empty name, which no assignee can have (the
        // contract refuses it), keeps the query simple.
        List<String> groups = new ArrayList<>(reviewer.groups());
        groups.add("");
        return ReviewTask.count(
                        "from ReviewTask t where t.id = ?3 and " + ASSIGNED_TO, groups, userName(reviewer), taskId)
                > 0;
    }

    /**
     * Records in the audit trail that this reviewer opened the task, the first time they do. Only the trail learns
     * of it: nothing about the task changes, so a page view stays a safe GET.
     */
    @Transactional
    public void recordFirstView(UUID taskId, Reviewer reviewer) {
        if (AuditEvent.count("taskId = ?1 and type = ?2 and actor = ?3", taskId, VIEWED, reviewer.id()) == 0) {
            audit.record(reviewer.id(), reviewer.displayName(), taskId, VIEWED, null);
        }
    }

    @Transactional
    public List<String> assignees(UUID taskId) {
        return TaskAssignee.<TaskAssignee>find("key.taskId", taskId).stream()
                .map(a -> (a.key.kind().equals("GROUP") ? "group " : "user ") + a.key.name())
                .sorted()
                .toList();
    }

    private static List<Object> params(Reviewer reviewer, int limit) {
        List<Object> params =
                new ArrayList<>(reviewer.groups().stream().sorted().toList());
        params.add(userName(reviewer));
        params.add(limit);
        return params;
    }

    /**
     * The name USER assignees are matched with: the reviewer's assignee claim, never their id or a display name. A
     * reviewer without one (a token lacking the claim) gets the empty name, which no assignee has.
     */
    private static String userName(Reviewer reviewer) {
        return reviewer.assigneeName() == null ? "" : reviewer.assigneeName();
    }

    private static Inbox slice(List<TaskSummary> fetched) {
        boolean more = fetched.size() > INBOX_LIMIT;
        return new Inbox(more ? fetched.subList(0, INBOX_LIMIT) : fetched, more);
    }
}
