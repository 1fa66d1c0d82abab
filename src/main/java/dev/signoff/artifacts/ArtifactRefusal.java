package dev.signoff.artifacts;

/**
 * Why Signoff will not touch an artifact, decided from the review request alone (no S3 call), so a page can flag it
 * as soon as it is shown.
 */
public enum ArtifactRefusal {
    BUCKET_NOT_ALLOWED("its bucket is not in signoff.artifacts.allowed-buckets"),
    PATH_TRAVERSAL("path traversal in the artifact key");

    private final String reason;

    ArtifactRefusal(String reason) {
        this.reason = reason;
    }

    /** A sentence fragment for pages and problem details; names no bucket or key. */
    public String reason() {
        return reason;
    }
}
