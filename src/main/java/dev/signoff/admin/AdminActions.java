package dev.signoff.admin;

import dev.signoff.decision.DeliveryFailures;
import dev.signoff.intake.DeadLetters;
import dev.signoff.intake.QuarantineRecords;
import dev.signoff.intake.Reprocessing;
import dev.signoff.security.Reviewer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * What an admin does from the dashboard. Every action names its actor and a reason, both in the audit trail. The
 * caller (web) has checked the reviewer is an admin; this checks again, since a service must not trust its caller.
 */
@ApplicationScoped
public class AdminActions {

    static final int MAX_NOTE_CHARS = 2000;

    /**
     * Refused: not an admin (403), an action that no longer applies (409), or input that cannot be accepted (422, the
     * task actions and re-process). The message says which.
     */
    public static class Refused extends RuntimeException {
        private final int status;

        Refused(String message, boolean forbidden) {
            this(message, forbidden ? 403 : 409);
        }

        private Refused(String message, int status) {
            super(message);
            this.status = status;
        }

        static Refused invalid(String message) {
            return new Refused(message, 422);
        }

        static Refused conflict(String message) {
            return new Refused(message, 409);
        }

        public boolean forbidden() {
            return status == 403;
        }

        /** The HTTP status that says it: 403, 409 or 422. */
        public int status() {
            return status;
        }
    }

    private final DeliveryFailures failures;
    private final QuarantineRecords quarantine;
    private final DeadLetters deadLetters;
    private final Reprocessing reprocessing;

    AdminActions(
            DeliveryFailures failures,
            QuarantineRecords quarantine,
            DeadLetters deadLetters,
            Reprocessing reprocessing) {
        this.failures = failures;
        this.quarantine = quarantine;
        this.deadLetters = deadLetters;
        this.reprocessing = reprocessing;
    }

    /** Sends a failed callback again through the outbox; refused when the execution may no longer wait for it. */
    public void retry(Reviewer admin, UUID outboxId, String note) {
        requireAdmin(admin);
        String reason = note == null || note.isBlank() ? "Retry now from the admin dashboard" : checked(note);
        try {
            failures.retry(outboxId, admin.id(), admin.displayName(), reason);
        } catch (DeliveryFailures.NotRetryable e) {
            throw new Refused(e.getMessage(), false);
        }
    }

    public void markHandled(Reviewer admin, UUID outboxId, String note) {
        requireAdmin(admin);
        if (!failures.markHandled(outboxId, admin.id(), admin.displayName(), required(note))) {
            throw new Refused("This delivery is no longer an open failure (already handled or sent again).", false);
        }
    }

    public void dismiss(Reviewer admin, UUID quarantineId, String note) {
        requireAdmin(admin);
        if (!quarantine.dismiss(quarantineId, admin.id(), admin.displayName(), required(note))) {
            throw new Refused("This quarantined request was already dismissed.", false);
        }
    }

    /**
     * Runs a quarantined request through intake again. Valid now: one task (a second press, or a second admin, is
     * refused with 409). Still invalid: it stays on the list with the reasons intake gives now.
     */
    public Reprocessing.Outcome reprocess(Reviewer admin, UUID quarantineId, String note) {
        requireAdmin(admin);
        String reason = note == null || note.isBlank() ? "Re-processed from the admin dashboard" : checked(note);
        try {
            return reprocessing.reprocess(quarantineId, admin.id(), admin.displayName(), reason);
        } catch (Reprocessing.NotReprocessable e) {
            throw new Refused(e.getMessage(), false);
        }
    }

    /** Sends a dead letter back to the review queue; intake takes it in once (a duplicate token is harmless). */
    public void redrive(Reviewer admin, String messageId, String note) {
        requireAdmin(admin);
        String reason = note == null || note.isBlank() ? null : checked(note);
        if (!deadLetters.configured() || !deadLetters.redrive(messageId, admin.id(), admin.displayName(), reason)) {
            throw gone();
        }
    }

    /** Moves a bounded batch ({@link DeadLetters#REDRIVE_BATCH}) to the review queue; returns how many. */
    public int redriveAll(Reviewer admin, String note) {
        requireAdmin(admin);
        String reason = note == null || note.isBlank() ? null : checked(note);
        if (!deadLetters.configured()) {
            throw new Refused("No dead-letter queue is configured (signoff.intake.dead-letter-queue-url).", false);
        }
        return deadLetters.redriveAll(admin.id(), admin.displayName(), reason);
    }

    public void deleteDeadLetter(Reviewer admin, String messageId, String note) {
        requireAdmin(admin);
        String reason = required(note);
        if (!deadLetters.configured() || !deadLetters.delete(messageId, admin.id(), admin.displayName(), reason)) {
            throw gone();
        }
    }

    private static Refused gone() {
        return new Refused(
                "This message is no longer in the dead-letter queue (or another look holds it: try again in a minute).",
                false);
    }

    public static void requireAdmin(Reviewer reviewer) {
        if (reviewer == null || !reviewer.isAdmin()) {
            throw new Refused(
                    "The admin dashboard is for admins (the group signoff.security.admin-group names) only.", true);
        }
    }

    private static String required(String note) {
        if (note == null || note.isBlank()) {
            throw new Refused("A note is required: say what was done about it.", false);
        }
        return checked(note);
    }

    private static String checked(String note) {
        if (note.length() > MAX_NOTE_CHARS) {
            throw new Refused("The note is longer than " + MAX_NOTE_CHARS + " characters.", false);
        }
        return note.strip();
    }
}
