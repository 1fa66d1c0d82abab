package dev.signoff.web;

import dev.signoff.admin.AuditEntry;
import dev.signoff.audit.AuditEvent;
import io.quarkus.qute.TemplateExtension;
import java.util.Locale;
import java.util.Map;

/** What each audit event type reads as in a task's history: {@code {event.label}}. */
@TemplateExtension
public final class HistoryLabels {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("TASK_OPENED", "Received"),
            Map.entry("SIGNED_IN", "Signed in"),
            Map.entry("DEFAULT_ROUTE", "Assigned by default route"),
            Map.entry("VIEWED", "Opened the review"),
            Map.entry("CLAIMED", "Claimed (on it)"),
            Map.entry("CLAIM_TAKEN_OVER", "Took the claim over"),
            Map.entry("RELEASED", "Released the claim"),
            Map.entry("COMMENTED", "Commented"),
            Map.entry("DECIDED", "Decided"),
            Map.entry("APPROVAL", "Approved (counts toward the approval policy)"),
            Map.entry("APPROVALS_RESTARTED", "Approved another output: earlier approvals void, the count restarts"),
            Map.entry("CALLBACK_DELIVERED", "Delivered to the workflow"),
            Map.entry("CALLBACK_EXPIRED", "Workflow had stopped waiting"),
            Map.entry("CALLBACK_FAILED", "Delivery to the workflow failed"),
            Map.entry("CALLBACK_UNCONFIRMED", "Delivery unconfirmed"),
            Map.entry("TASK_EXPIRED", "Expired"),
            Map.entry("TASK_CANCELLED", "Cancelled"),
            Map.entry("CALLBACK_RETRY", "Delivery attempt failed; retrying"),
            Map.entry("CALLBACK_RETRIED", "An admin sent the failed delivery again"),
            Map.entry("CALLBACK_HANDLED", "An admin marked the failed delivery handled"),
            Map.entry("REASSIGNED", "An admin reassigned the review"),
            Map.entry("EXPIRY_CHANGED", "An admin changed when the review closes"),
            Map.entry("QUARANTINE_REPROCESSED", "An admin re-processed the quarantined request into this review"),
            Map.entry("SUPERSEDED", "Replaced by a redriven execution's review"),
            Map.entry("SUPERSEDES", "Replaces the review from before a redrive"),
            Map.entry("ESCALATED", "Escalated"),
            Map.entry("ESCALATION_NOTIFIED", "Escalation group told"),
            Map.entry("WINDOW_PASSED", "Review window passed; still waiting"));

    private HistoryLabels() {}

    /** The event types the audit page's type filter suggests, in order. */
    static java.util.List<String> types() {
        return LABELS.keySet().stream().sorted().toList();
    }

    /** Types added later still read as words rather than as a constant. */
    static String label(AuditEvent event) {
        return label(event.type);
    }

    /** The same words on the admin audit page. */
    static String label(AuditEntry entry) {
        return label(entry.type());
    }

    private static String label(String type) {
        String known = LABELS.get(type);
        if (known != null) {
            return known;
        }
        String words = type.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
