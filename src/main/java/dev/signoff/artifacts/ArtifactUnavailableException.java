package dev.signoff.artifacts;

/** S3 could not be reached or failed; trying again later may work. */
public final class ArtifactUnavailableException extends ArtifactException {

    ArtifactUnavailableException(ArtifactRef ref, Throwable cause) {
        super("artifact storage failed while reading " + ref, cause);
    }
}
