package dev.signoff.review;

import dev.signoff.audit.AuditLog;
import dev.signoff.security.Reviewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Discussion on a task between the people who may decide it (and admins), kept with its history. */
@ApplicationScoped
public class TaskComments {

    public static final int MAX_LENGTH = 20_000;
    private static final int EXCERPT = 200;

    private final ReviewService reviews;
    private final TaskClaims claims;
    private final AuditLog audit;
    private final Clock clock;

    TaskComments(ReviewService reviews, TaskClaims claims, AuditLog audit, Clock clock) {
        this.reviews = reviews;
        this.claims = claims;
        this.audit = audit;
        this.clock = clock;
    }

    /** Adds a comment. Blank or oversized text is refused, saying why. */
    @Transactional
    public TaskComment add(UUID taskId, Reviewer reviewer, String body) {
        if (reviews.visibleTask(taskId, reviewer).status() != TaskStatus.PENDING) {
            throw new TaskActionException(
                    TaskActionException.Reason.CLOSED, "This review is closed; its discussion is read-only.");
        }
        if (!reviewer.isAdmin() && !reviews.isAssigned(taskId, reviewer)) {
            throw new TaskActionException(
                    TaskActionException.Reason.NOT_ASSIGNED,
                    "This review is not assigned to you, so you cannot comment.");
        }
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new TaskActionException(TaskActionException.Reason.INVALID, "Write a comment first.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new TaskActionException(
                    TaskActionException.Reason.INVALID,
                    "A comment holds at most " + MAX_LENGTH + " characters; this one has " + text.length() + ".");
        }
        TaskComment comment = new TaskComment();
        comment.id = UUID.randomUUID();
        comment.taskId = taskId;
        comment.authorId = reviewer.id();
        comment.authorName = reviewer.displayName();
        comment.body = text;
        comment.createdAt = clock.instant();
        comment.persist();
        claims.touch(taskId, reviewer.id());
        audit.record(reviewer.id(), reviewer.displayName(), taskId, "COMMENTED", excerpt(text));
        return comment;
    }

    /** The discussion on a task this reviewer may see, oldest first. */
    @Transactional
    public List<TaskComment> forTask(UUID taskId, Reviewer reviewer) {
        reviews.visibleTask(taskId, reviewer);
        return TaskComment.list("taskId = ?1 order by createdAt, id", taskId);
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }
}
