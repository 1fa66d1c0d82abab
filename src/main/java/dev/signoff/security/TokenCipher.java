package dev.signoff.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals task tokens with AES-256-GCM. A sealed value names its key ({@code v2:<keyId>:<base64>}) so keys can be
 * rotated: add a new key, make it active, and old tokens still open with the key they were sealed with. A task token
 * is bound to its own SHA-256 (the row's {@code token_hash}) as associated data, so a sealed token copied into another
 * row does not open there: a decision can only ever resume its own execution. {@code v1} values (bound to a fixed
 * label only) are what Signoff sealed before, and still open.
 */
@ApplicationScoped
public class TokenCipher {

    private static final String LEGACY = "v1";
    private static final String BOUND = "v2";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String LABEL = "signoff/task-token";

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public TokenCipher(SecurityConfig config) {
        this(config.tokenKeys(), config.activeTokenKey());
    }

    TokenCipher(Map<String, String> base64Keys, String activeKeyId) {
        base64Keys.forEach((id, encoded) -> keys.put(id, decodeKey(id, encoded)));
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("signoff.security.active-token-key '" + activeKeyId
                    + "' is not one of signoff.security.token-keys " + keys.keySet());
        }
        this.activeKeyId = activeKeyId;
    }

    /** Seals a task token bound to its hash, as stored in the task's (and each of its callbacks') {@code token_hash}. */
    public String sealToken(String token, String tokenHash) {
        return seal(BOUND, token, LABEL + "/" + requireHash(tokenHash));
    }

    /** Opens a task token sealed for the row whose {@code token_hash} is given; any other row's value is refused. */
    public String openToken(String sealedValue, String tokenHash) {
        String version = sealedValue.split(":", 2)[0];
        return open(sealedValue, version.equals(BOUND) ? LABEL + "/" + requireHash(tokenHash) : LABEL);
    }

    /** Seals a value that belongs to no task row (a quarantined body that is not JSON). */
    public String seal(String value) {
        return seal(LEGACY, value, LABEL);
    }

    public String open(String sealedValue) {
        return open(sealedValue, LABEL);
    }

    private String seal(String version, String value, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), iv, associatedData);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return version + ":" + activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a task token", e);
        }
    }

    private String open(String sealedValue, String associatedData) {
        String[] parts = sealedValue.split(":", 3);
        if (parts.length != 3 || !(LEGACY.equals(parts[0]) || BOUND.equals(parts[0]))) {
            throw new IllegalArgumentException("Not a sealed token value");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("Token was sealed with key '" + parts[1]
                    + "', which is no longer in signoff.security.token-keys; restore it to deliver this callback");
        }
        byte[] in = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(in, IV_BYTES), associatedData);
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "A sealed task token failed authentication (wrong key, tampered, or sealed for another row)", e);
        }
    }

    /** The key id a sealed value was made with, so operators can see what still depends on an old key. */
    public static String keyIdOf(String sealedValue) {
        String[] parts = sealedValue.split(":", 3);
        return parts.length == 3 ? parts[1] : "";
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static String requireHash(String tokenHash) {
        if (tokenHash == null || tokenHash.isBlank()) {
            throw new IllegalArgumentException("a task token is sealed and opened with its row's token hash");
        }
        return tokenHash;
    }

    private static SecretKey decodeKey(String id, String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("signoff.security.token-keys." + id + " is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("signoff.security.token-keys." + id + " must be 32 bytes (AES-256), was "
                    + raw.length + "; generate one with: openssl rand -base64 32");
        }
        return new SecretKeySpec(raw, "AES");
    }
}
