package dev.signoff.notify;

import dev.signoff.decision.DecisionService;
import dev.signoff.decision.DecisionView;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;

/**
 * The requester's outcome mail: how their review ended (approved, rejected, changes requested, by whom, with the
 * reviewer's comment; or expired or cancelled, and why), read when the mail is sent.
 */
@ApplicationScoped
class OutcomeMails {

    private static final int MAX_COMMENT = 1000;

    private final DecisionService decisions;
    private final MailComposer composer;

    OutcomeMails(DecisionService decisions, MailComposer composer) {
        this.decisions = decisions;
        this.composer = composer;
    }

    Messages.Outgoing compose(ReviewTask task, TaskBrief brief) {
        if (brief.status() == TaskStatus.PENDING) {
            return new Messages.Skip("still open");
        }
        Optional<DecisionView> decision = decisions.decisionFor(task.id);
        String heading;
        String lead;
        if (decision.isPresent()) {
            DecisionView d = decision.get();
            heading = d.outcomeLabel();
            lead = d.reviewerName() + " (" + d.reviewerId() + ") decided: "
                    + d.outcomeLabel().toLowerCase(Locale.ROOT) + ", " + MailComposer.when(d.decidedAt()) + "."
                    + (d.comment() == null || d.comment().isBlank()
                            ? ""
                            : " Their comment: “" + clip(d.comment()) + "”");
        } else if (brief.status() == TaskStatus.CANCELLED) {
            heading = "Cancelled";
            lead = "The review was cancelled before anyone decided" + because(task) + ".";
        } else if (brief.status() == TaskStatus.EXPIRED) {
            heading = "Expired";
            lead = "Nobody decided in time" + because(task) + ".";
        } else {
            heading = "Closed without a decision";
            lead = "The review closed without a decision" + because(task) + ".";
        }
        return new Messages.Mail(composer.compose(
                heading + ": " + brief.title(),
                new MailComposer.TaskMail(
                        heading, lead, brief, null, null, "You requested this review: this is how it ended.")));
    }

    private static String because(ReviewTask task) {
        String reason = task.statusReason();
        return reason == null || reason.isBlank() ? "" : " (" + clip(reason) + ")";
    }

    private static String clip(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_COMMENT ? line : line.substring(0, MAX_COMMENT - 1) + "…";
    }
}
