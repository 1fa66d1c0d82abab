package dev.signoff.decision;

import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.Outcome;

/** What a submission must satisfy whatever the task's state: an allowed outcome, its comment, lengths kept. */
final class DecisionRules {

    private DecisionRules() {}

    static void check(ReviewRequest request, DecisionCommand command) {
        Outcome outcome = command.outcome();
        if (outcome == null) {
            throw invalid("Choose a decision: approve, reject or request changes.");
        }
        if (!request.decisions().contains(outcome)) {
            throw invalid("This workflow does not accept \"" + outcome.wireName() + "\"; it accepts "
                    + request.decisions().stream()
                            .map(Outcome::wireName)
                            .sorted()
                            .toList() + ".");
        }
        if (outcome != Outcome.APPROVE && blankToNull(command.comment()) == null) {
            throw invalid("A comment is required to reject or request changes: tell the workflow what is wrong.");
        }
        if (outcome != Outcome.APPROVE && blankToNull(command.editedOutput()) != null) {
            throw invalid("An edited output can only be sent with an approval.");
        }
        if (blankToNull(command.editedOutput()) != null
                && request.proposedOutput().isEmpty()) {
            throw invalid("This workflow proposed no output to edit; approve without one, or reject with a comment.");
        }
        checkLength("comment", command.comment(), Decision.MAX_COMMENT);
        checkLength("reasonCode", command.reasonCode(), Decision.MAX_REASON_CODE);
        checkLength("idempotencyKey", command.idempotencyKey(), Decision.MAX_IDEMPOTENCY_KEY);
    }

    private static void checkLength(String field, String value, int max) {
        String kept = blankToNull(value);
        if (kept != null && kept.length() > max) {
            throw invalid(field + " is " + kept.length() + " characters long; at most " + max + " are kept.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static DecisionException invalid(String message) {
        return new DecisionException(DecisionException.Reason.INVALID, message);
    }
}
