package dev.signoff.artifacts;

/** No such object or bucket, or no such artifact on a task the caller may see. */
public final class ArtifactNotFoundException extends ArtifactException {

    public ArtifactNotFoundException(String message) {
        super(message, null);
    }

    ArtifactNotFoundException(ArtifactRef ref, Throwable cause) {
        super("artifact " + ref + " does not exist", cause);
    }
}
