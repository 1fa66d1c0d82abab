package dev.signoff.admin;

import dev.signoff.decision.TaskCancellation;
import dev.signoff.review.TaskAdministration;
import dev.signoff.security.Reviewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * An admin's actions on a waiting task: reassign it, move its review window's end, cancel it. Each needs a reason,
 * checks the admin again, and goes through the owner of what it changes (review's TaskAdministration, decision's
 * TaskCancellation); bad input is refused with 422, a task that no longer waits with 409.
 */
@ApplicationScoped
public class TaskActions {

    // The contract's limits for assignees (docs/contract.md): a reassignment may not make a task no request could.
    static final int MAX_GROUPS = 50;
    static final int MAX_USERS = 100;
    static final int MAX_NAME_CHARS = 256;

    private final TaskAdministration administration;
    private final TaskCancellation cancellation;
    private final Clock clock;

    TaskActions(TaskAdministration administration, TaskCancellation cancellation, Clock clock) {
        this.administration = administration;
        this.cancellation = cancellation;
        this.clock = clock;
    }

    /** Groups and users one a line (blank lines ignored, repeats dropped); at least one in all. */
    @Transactional
    public void reassign(Reviewer admin, UUID taskId, String groups, String users, String reason) {
        AdminActions.requireAdmin(admin);
        String why = reason(reason);
        List<String> groupNames = names(groups, "group", MAX_GROUPS);
        List<String> userNames = names(users, "user", MAX_USERS);
        if (groupNames.isEmpty() && userNames.isEmpty()) {
            throw AdminActions.Refused.invalid("Name at least one group or user: nobody could decide this review.");
        }
        run(() -> administration.reassign(taskId, groupNames, userNames, admin.id(), admin.displayName(), why));
    }

    /** The new end as {@code 2026-12-03T10:00} (UTC, as the form sends it) or an ISO instant; it must lie ahead. */
    @Transactional
    public void changeExpiry(Reviewer admin, UUID taskId, String expiresAt, String reason) {
        AdminActions.requireAdmin(admin);
        String why = reason(reason);
        Instant when = instant(expiresAt);
        if (!when.isAfter(clock.instant())) {
            throw AdminActions.Refused.invalid(
                    "The review must close in the future; " + when + " has passed. To close it now, cancel it.");
        }
        run(() -> administration.changeExpiry(taskId, when, admin.id(), admin.displayName(), why));
    }

    /** Closes the task and fails its execution with Signoff.Cancelled, once. */
    @Transactional
    public void cancel(Reviewer admin, UUID taskId, String reason) {
        AdminActions.requireAdmin(admin);
        if (!cancellation.cancel(taskId, admin, reason(reason))) {
            throw AdminActions.Refused.conflict(
                    "This review no longer waits for a decision (someone decided it, or it closed): nothing was sent.");
        }
    }

    private static void run(Runnable change) {
        try {
            change.run();
        } catch (TaskAdministration.Refused e) {
            throw e.refusal() == TaskAdministration.Refusal.AFTER_TIMEOUT
                    ? AdminActions.Refused.invalid(e.getMessage())
                    : AdminActions.Refused.conflict(e.getMessage());
        }
    }

    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw AdminActions.Refused.invalid("A reason is required: it goes into the history.");
        }
        if (reason.length() > AdminActions.MAX_NOTE_CHARS) {
            throw AdminActions.Refused.invalid(
                    "The reason is longer than " + AdminActions.MAX_NOTE_CHARS + " characters.");
        }
        return reason.strip();
    }

    static List<String> names(String text, String kind, int max) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String line : (text == null ? "" : text).split("\\R")) {
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.length() > MAX_NAME_CHARS || name.chars().anyMatch(Character::isISOControl)) {
                String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
                throw AdminActions.Refused.invalid(
                        "A " + kind + " name is one line of at most " + MAX_NAME_CHARS + " characters: " + shown);
            }
            names.add(name);
        }
        if (names.size() > max) {
            throw AdminActions.Refused.invalid("At most " + max + " " + kind + "s, as in a review request.");
        }
        return new ArrayList<>(names);
    }

    static Instant instant(String text) {
        String value = text == null ? "" : text.strip();
        try {
            return value.endsWith("Z") || value.contains("+")
                    ? Instant.parse(value)
                    : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw AdminActions.Refused.invalid(
                    "Give the new closing time as a date and time in UTC, such as 2026-12-03T10:00.");
        }
    }
}
