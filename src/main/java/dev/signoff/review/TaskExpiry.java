package dev.signoff.review;

import static dev.signoff.review.TaskQueries.instant;
import static dev.signoff.review.TaskQueries.uuid;

import dev.signoff.audit.AuditLog;
import dev.signoff.contract.ReviewRequest.ExpiryPolicy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The review window's end, per the task's expiry policy ({@code onExpiry}, fixed when the task was stored): fail the
 * execution with Signoff.Expired ({@link TaskLifecycle#expire}, sent by the upkeep round), escalate once to the
 * configured groups with a new window, or keep waiting and say so. Never an approval. Each step is a conditional
 * update on the window it was found with, so two instances running the same round act once.
 */
@ApplicationScoped
public class TaskExpiry {

    /** A PENDING review whose window has ended and has not been dealt with. */
    public record Due(
            UUID taskId,
            Instant expiresAt,
            Instant timeoutAt,
            ExpiryPolicy policy,
            boolean escalated,
            String executionArn,
            String sealedToken,
            String tokenHash) {}

    /** What the round does with one review. */
    public sealed interface Step {
        record Fail(String reason) implements Step {}

        record Escalate(List<String> groups, Instant until) implements Step {}

        record KeepWaiting() implements Step {}
    }

    private final ReviewConfig config;
    private final AuditLog audit;

    TaskExpiry(ReviewConfig config, AuditLog audit) {
        this.config = config;
        this.audit = audit;
    }

    /** Refuses to start with a default policy of escalate and nobody to escalate to. */
    void checkConfiguration(@Observes StartupEvent started) {
        configurationProblem(config).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
    }

    static Optional<String> configurationProblem(ReviewConfig config) {
        if (config.onExpiry() == ExpiryPolicy.ESCALATE
                && config.escalationGroups().orElse(List.of()).isEmpty()) {
            return Optional.of("signoff.review.on-expiry is escalate, but signoff.review.escalation-groups names no"
                    + " group to escalate to");
        }
        return Optional.empty();
    }

    /** Oldest window first; a "notify" review that was dealt with is not found again. */
    @Transactional
    public List<Due> due(Instant now, int limit) {
        return TaskRows.rows(TaskQueries.PAST_EXPIRY, List.of(now, limit)).stream()
                .map(row -> (Object[]) row)
                .map(c -> new Due(
                        uuid(c[0]),
                        instant(c[1]),
                        instant(c[7]),
                        c[5] == null ? ExpiryPolicy.FAIL : ExpiryPolicy.valueOf((String) c[5]),
                        c[6] != null,
                        (String) c[2],
                        (String) c[3],
                        (String) c[4]))
                .toList();
    }

    public Step next(Due due, Instant now) {
        String closed = "Nobody decided before the review closed at " + due.expiresAt();
        return switch (due.policy()) {
            case FAIL -> new Step.Fail(closed);
            case NOTIFY -> new Step.KeepWaiting();
            case ESCALATE -> {
                List<String> groups = config.escalationGroups().orElse(List.of());
                // Milliseconds, as every timestamp of the contract: Signoff.Expired's cause states this window's end.
                Instant until = now.plus(config.escalationWindow()).truncatedTo(ChronoUnit.MILLIS);
                if (due.timeoutAt() != null && due.timeoutAt().isBefore(until)) {
                    until = due.timeoutAt();
                }
                if (due.escalated()) {
                    yield new Step.Fail(closed + ", also after its escalation");
                } else if (groups.isEmpty()) {
                    yield new Step.Fail(
                            closed + "; it asked to escalate, but signoff.review.escalation-groups is not" + " set");
                } else if (!until.isAfter(now)) {
                    yield new Step.Fail(closed + "; no time was left to escalate before the workflow stops waiting");
                } else {
                    yield new Step.Escalate(groups, until);
                }
            }
        };
    }

    /**
     * Once: the review goes to {@code groups} (instead of whoever it was assigned to, whose claim ends) with a new
     * window until {@code until}. False when the task changed since it was found.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean escalate(Due due, List<String> groups, Instant until, Instant now) {
        boolean moved = ReviewTask.update(
                        "escalatedAt = ?1, expiresAt = ?2, expiryCheckAt = ?2, claimedBy = null, claimedByName = null,"
                                + " claimedAt = null, claimActiveAt = null, version = version + 1"
                                + " where id = ?3 and status = ?4 and escalatedAt is null and expiresAt = ?5",
                        now,
                        until,
                        due.taskId(),
                        TaskStatus.PENDING,
                        due.expiresAt())
                == 1;
        if (moved) {
            TaskAssignee.assign(due.taskId(), groups, List.of());
            audit.record(
                    AuditLog.SYSTEM,
                    due.taskId(),
                    "ESCALATED",
                    "Nobody decided by " + due.expiresAt() + "; reassigned to " + String.join(", ", groups) + " until "
                            + until + (due.escalated() ? "" : "; any claim on it ends"));
        }
        return moved;
    }

    /** The review keeps waiting past its window (policy notify); recorded once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean keepWaiting(Due due) {
        boolean moved = ReviewTask.update(
                        "expiryCheckAt = null where id = ?1 and status = ?2 and expiresAt = ?3",
                        due.taskId(),
                        TaskStatus.PENDING,
                        due.expiresAt())
                == 1;
        if (moved) {
            audit.record(
                    AuditLog.SYSTEM,
                    due.taskId(),
                    "WINDOW_PASSED",
                    "Nobody decided by " + due.expiresAt() + "; the review keeps waiting (onExpiry notify) and still"
                            + " takes a decision until the workflow stops waiting");
        }
        return moved;
    }
}
