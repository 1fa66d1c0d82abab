package dev.signoff.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One workflow and state of the stalled list: its waiting tasks share a state machine ARN and a state name (either
 * may be missing from old or minimal requests: null here, an empty parameter in the page's links).
 */
public record StalledGroup(String stateMachineArn, String state) {

    /** From the page's {@code workflow} and {@code state} parameters; null (no group) when both are absent. */
    public static StalledGroup of(String workflow, String state) {
        if (workflow == null && state == null) {
            return null;
        }
        return new StalledGroup(blankToNull(workflow), blankToNull(state));
    }

    /** The query parameters that select this group, encoded for a link. */
    public String query() {
        return "workflow=" + encode(stateMachineArn) + "&state=" + encode(state);
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
