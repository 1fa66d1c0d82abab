package dev.signoff.decision;

import dev.signoff.contract.ReviewerDecision;
import dev.signoff.security.Reviewer;

/** The person as a callback names them (a decision's {@code reviewer}, a cancel's {@code cancelledBy}). */
final class CallbackReviewers {

    private CallbackReviewers() {}

    /** Display only: a provider's overlong name is shortened, an overlong e-mail address dropped, never a 500. */
    static ReviewerDecision.Reviewer of(Reviewer reviewer) {
        return new ReviewerDecision.Reviewer(
                reviewer.userId(),
                displayName(reviewer.displayName()),
                email(reviewer.email()),
                reviewer.issuer(),
                reviewer.subject());
    }

    static String displayName(String name) {
        return name == null || name.length() <= Decision.MAX_REVIEWER_NAME
                ? name
                : name.substring(0, Decision.MAX_REVIEWER_NAME - 1) + "…";
    }

    static String email(String email) {
        return email == null || email.length() <= Decision.MAX_REVIEWER_EMAIL ? email : null;
    }
}
