package dev.signoff.sandbox.stepfunctions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Mints and recognises task tokens. Real tokens are opaque base64 with {@code + / =}; ours have a fixed
 * three-byte header (encoding to {@code AQ+/}) and 508 random bytes, so each one is 684 characters ending
 * in {@code ==}. Only the SHA-256 of a token is ever stored.
 */
final class TaskTokens {

    /** The API's length constraint on {@code taskToken}; longer or empty values are a ValidationException. */
    static final int MAX_LENGTH = 2048;

    private static final byte[] HEADER = {0x01, 0x0F, (byte) 0xBF};
    private static final int RANDOM_BYTES = 508;
    private static final Pattern SHAPE = Pattern.compile("AQ\\+/[A-Za-z0-9+/]{678}==");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TaskTokens() {}

    static String mint() {
        byte[] bytes = new byte[HEADER.length + RANDOM_BYTES];
        System.arraycopy(HEADER, 0, bytes, 0, HEADER.length);
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, bytes, HEADER.length, RANDOM_BYTES);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** True if this stand-in could have minted the token, whether or not it did. */
    static boolean isWellFormed(String token) {
        if (!SHAPE.matcher(token).matches()) {
            return false;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(token);
            return bytes.length == HEADER.length + RANDOM_BYTES
                    && Arrays.equals(Arrays.copyOf(bytes, HEADER.length), HEADER)
                    && Base64.getEncoder().encodeToString(bytes).equals(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK ships SHA-256", e);
        }
    }
}
