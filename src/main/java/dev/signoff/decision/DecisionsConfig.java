package dev.signoff.decision;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What reviewers may send with a decision, per workflow, and where outputs too large for Step Functions go. */
@ConfigMapping(prefix = "signoff.decisions")
public interface DecisionsConfig {

    /** The entry "*" applies to every workflow without an entry of its own (keys are state machine names). */
    String ANY_WORKFLOW = "*";

    /** Settings per workflow, keyed by state machine name, or "*". */
    Map<String, Workflow> workflows();

    /**
     * Bucket for approved outputs that would make the callback larger than Step Functions' 262,144 bytes; the callback
     * then carries {@code outputLocation} instead (docs/contract.md). Unset: such an approval is refused.
     */
    Optional<String> largeOutputBucket();

    interface Workflow {
        /** The reason codes a reviewer chooses from; no list means a free-text code. */
        Optional<List<@NotBlank @Size(max = Decision.MAX_REASON_CODE) String>> reasonCodes();
    }

    /** The codes that apply to a workflow: its own list, else the "*" list; empty when free text applies. */
    default List<String> reasonCodesFor(String stateMachineName) {
        Workflow own = stateMachineName == null ? null : workflows().get(stateMachineName);
        if (own != null && own.reasonCodes().isPresent()) {
            return own.reasonCodes().get();
        }
        Workflow any = workflows().get(ANY_WORKFLOW);
        return any == null ? List.of() : any.reasonCodes().orElse(List.of());
    }
}
