package dev.signoff.artifacts;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/** Where an artifact lives: an S3 bucket and object key, as named by the workflow in its review request. */
public record ArtifactRef(String bucket, String key) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_KEY_BYTES = 1024;

    public ArtifactRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("not a valid S3 bucket name: " + bucket);
        }
        if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("an S3 key must be 1-1024 bytes");
        }
    }

    /** Parses {@code s3://bucket/key}; the key keeps every character after the bucket's slash. */
    public static ArtifactRef parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith("s3://")) {
            throw new IllegalArgumentException("an artifact URI must start with s3://");
        }
        int slash = uri.indexOf('/', "s3://".length());
        if (slash < 0) {
            throw new IllegalArgumentException("an artifact URI must name an object: s3://bucket/key");
        }
        return new ArtifactRef(uri.substring("s3://".length(), slash), uri.substring(slash + 1));
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /** The last path segment of the key, for a download's file name. */
    public String fileName() {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.isEmpty() ? "artifact" : name;
    }

    @Override
    public String toString() {
        return uri();
    }
}
