package dev.signoff.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The only sanctioned ways to refer to a task token outside the callback call itself. */
public final class TaskTokens {
    private static final int LOG_ID_HEX_CHARS = 12;

    private TaskTokens() {}

    /** SHA-256 of the token's UTF-8 bytes, lowercase hex (64 chars): the idempotency key for tasks. */
    public static String tokenHash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships SHA-256", e);
        }
    }

    /** The first 12 hex chars of {@link #tokenHash}: enough to find a task in logs, useless for guessing. */
    public static String logId(String token) {
        return tokenHash(token).substring(0, LOG_ID_HEX_CHARS);
    }
}
