package dev.signoff.sandbox.stepfunctions;

import java.time.Instant;
import java.util.Map;

/**
 * One request the endpoint received.
 *
 * @param request the request's members with the token replaced by {@code taskTokenSha256} and the output by
 *     {@code outputBytes}; other text is cut to 256 characters
 * @param outcome {@code OK} if the operation was applied, else the error code (including injected ones)
 * @param httpStatus what the client received; {@code -1} when the connection was dropped
 * @param responseLost true when the operation's effect stands but a fault kept its response from the client
 */
public record CallRecord(
        Instant at,
        String operation,
        Map<String, String> request,
        String outcome,
        int httpStatus,
        boolean responseLost) {

    public static final String OK = "OK";

    public CallRecord {
        request = Map.copyOf(request);
    }

    public boolean applied() {
        return OK.equals(outcome);
    }
}
