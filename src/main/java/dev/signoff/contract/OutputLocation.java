package dev.signoff.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where an approved output too large for Step Functions was stored (S3), as the callback's {@code outputLocation}
 * names it. {@code sha256} is of the stored bytes, so the workflow can check it read what the reviewer approved.
 */
public record OutputLocation(String bucket, String key, long sizeBytes, String sha256) {

    public OutputLocation {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The compact JSON text of an output as stored: the bytes the workflow reads back. */
    public static byte[] bytesOf(com.fasterxml.jackson.databind.JsonNode output) {
        return ContractJson.write(output).getBytes(StandardCharsets.UTF_8);
    }

    public static OutputLocation of(String bucket, String key, byte[] stored) {
        try {
            String hash = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(stored));
            return new OutputLocation(bucket, key, stored.length, hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
