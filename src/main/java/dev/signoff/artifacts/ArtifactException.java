package dev.signoff.artifacts;

/** Why an artifact cannot be served. Messages name the artifact but never carry S3 error bodies. */
public abstract sealed class ArtifactException extends RuntimeException
        permits ArtifactNotFoundException,
                ArtifactAccessDeniedException,
                ArtifactKeyRefusedException,
                ArtifactTooLargeException,
                ArtifactUnavailableException {

    ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
