package dev.signoff.artifacts;

/** Signoff may not read the artifact: its bucket is not allowed by configuration, or S3 refused the credentials. */
public final class ArtifactAccessDeniedException extends ArtifactException {

    private final boolean bucketNotAllowed;

    private ArtifactAccessDeniedException(String message, boolean bucketNotAllowed, Throwable cause) {
        super(message, cause);
        this.bucketNotAllowed = bucketNotAllowed;
    }

    static ArtifactAccessDeniedException bucketNotAllowed(ArtifactRef ref) {
        return new ArtifactAccessDeniedException(
                "bucket " + ref.bucket() + " is not in signoff.artifacts.allowed-buckets", true, null);
    }

    static ArtifactAccessDeniedException refusedByS3(ArtifactRef ref, Throwable cause) {
        return new ArtifactAccessDeniedException("S3 denied access to " + ref, false, cause);
    }

    /** True when Signoff's own configuration refused the bucket before any call to S3. */
    public boolean bucketNotAllowed() {
        return bucketNotAllowed;
    }
}
