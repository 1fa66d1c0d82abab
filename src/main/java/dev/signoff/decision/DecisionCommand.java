package dev.signoff.decision;

import dev.signoff.contract.ReviewRequest.Outcome;

/**
 * What a reviewer submits. {@code editedOutput} is JSON text replacing the agent's proposed output (approve only);
 * {@code idempotencyKey} identifies one submission so a double click or a retried POST decides once.
 */
public record DecisionCommand(
        Outcome outcome, String comment, String reasonCode, String editedOutput, String idempotencyKey) {

    /** The same submission under the key it is recorded with. */
    DecisionCommand withIdempotencyKey(String key) {
        return new DecisionCommand(outcome, comment, reasonCode, editedOutput, key);
    }
}
