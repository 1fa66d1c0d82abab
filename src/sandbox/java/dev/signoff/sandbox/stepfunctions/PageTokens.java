package dev.signoff.sandbox.stepfunctions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** GetExecutionHistory's nextToken: opaque to clients, bound to one execution and one reading direction. */
final class PageTokens {

    private PageTokens() {}

    static String encode(String executionArn, boolean reverseOrder, int nextIndex) {
        String plain = "v1\n" + executionArn + "\n" + reverseOrder + "\n" + nextIndex;
        return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The index of the next event to return; InvalidToken when the token was not issued for this listing. */
    static int decode(String token, String executionArn, boolean reverseOrder, int eventCount) {
        try {
            String[] parts = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length == 4
                    && parts[0].equals("v1")
                    && parts[1].equals(executionArn)
                    && parts[2].equals(Boolean.toString(reverseOrder))) {
                int index = Integer.parseInt(parts[3]);
                if (index > 0 && index <= eventCount) {
                    return index;
                }
            }
        } catch (IllegalArgumentException e) {
            // Not base64 or not a number: the same answer as any other foreign token.
        }
        throw SfnError.invalidToken("Invalid Token: 'Invalid pagination token'");
    }
}
