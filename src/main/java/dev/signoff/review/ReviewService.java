package dev.signoff.review;

import dev.signoff.audit.AuditEvent;
import dev.signoff.audit.AuditLog;
import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequestParser;
import dev.signoff.security.Reviewer;
import dev.signoff.sql.BatchLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/** Answers who may see and decide review tasks, and reads what the inbox and the task page show. */
@ApplicationScoped
public class ReviewService {

    private static final String ASSIGNED_TO = "exists (select 1 from TaskAssignee a where a.key.taskId = t.id and"
            + " ((a.key.kind = 'GROUP' and a.key.name in ?1) or (a.key.kind = 'USER' and a.key.name = ?2)))";

    private static final String VIEWED = "VIEWED";

    private final ReviewRequestParser parser;
    private final AuditLog audit;
    private final Clock clock;
    private final ReviewConfig config;
    private final InboxSql inboxSql;

    ReviewService(
            ReviewRequestParser parser,
            AuditLog audit,
            Clock clock,
            ReviewConfig config,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.parser = parser;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
        this.inboxSql = new InboxSql(dbKind.startsWith("postgres"));
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

    /**
     * The tasks holding any of these token hashes, by hash: one query for a whole received batch (intake). Plain
     * JDBC on the transaction's connection (sql/BatchLookup), so it sees only what is flushed: intake asks before it
     * writes.
     */
    @Transactional
    public Map<String, UUID> findByTokenHashes(Collection<String> tokenHashes) {
        Map<String, UUID> found = new HashMap<>();
        ReviewTask.getEntityManager()
                .unwrap(Session.class)
                .doWork(connection -> BatchLookup.forEachRow(
                        connection,
                        "select token_hash, id from review_task where " + BatchLookup.in("token_hash"),
                        tokenHashes,
                        row -> found.put(row.getString(1), row.getObject(2, UUID.class))));
        return found;
    }

    /** How many tasks wait for a decision, across all reviewers. */
    @Transactional
    public long countOpen() {
        return ReviewTask.count("status", TaskStatus.PENDING);
    }

    /**
     * One page of an inbox view with its filters and sort, and the count of each view the reviewer may open. The
     * "all" view is for admins ({@link ViewNotAllowedException}); a cursor not given out for this view and sort is an
     * {@link InvalidCursorException}.
     */
    @Transactional
    public InboxPageResult inbox(Reviewer reviewer, InboxQuery query) {
        if (query.view() == InboxQuery.View.ALL && !reviewer.isAdmin()) {
            throw new ViewNotAllowedException(query.view());
        }
        Instant now = clock.instant();
        InboxSql.Who who = new InboxSql.Who(
                reviewer.groups().stream().sorted().toList(),
                userName(reviewer),
                reviewer.id(),
                now,
                now.minus(config.claimIdle()));
        InboxPager.Page page = InboxPager.page(inboxSql, query, who);
        return new InboxPageResult(page.tasks(), counts(reviewer, who), page.next());
    }

    private Map<InboxQuery.View, InboxPageResult.Count> counts(Reviewer reviewer, InboxSql.Who who) {
        Map<InboxQuery.View, InboxPageResult.Count> counts = new EnumMap<>(InboxQuery.View.class);
        for (InboxQuery.View view : InboxQuery.View.values()) {
            if (view == InboxQuery.View.ALL && !reviewer.isAdmin()) {
                continue;
            }
            InboxSql.Statement count = inboxSql.count(view, who);
            long value = ((Number) TaskRows.rows(count.sql(), count.params()).get(0)).longValue();
            counts.put(
                    view, new InboxPageResult.Count(Math.min(value, InboxSql.COUNT_CAP), value > InboxSql.COUNT_CAP));
        }
        return counts;
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

    /**
     * The name USER assignees are matched with: the reviewer's assignee claim, never their id or a display name. A
     * reviewer without one (a token lacking the claim) gets the empty name, which no assignee has.
     */
    private static String userName(Reviewer reviewer) {
        return reviewer.assigneeName() == null ? "" : reviewer.assigneeName();
    }
}
