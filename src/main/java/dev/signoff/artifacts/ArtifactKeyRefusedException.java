package dev.signoff.artifacts;

/** The key tries to leave its prefix ({@code ..}, encoded or not): refused before S3 is called. */
public final class ArtifactKeyRefusedException extends ArtifactException {

    ArtifactKeyRefusedException(ArtifactRef ref) {
        super(ArtifactRefusal.PATH_TRAVERSAL.reason() + ": " + ref, null);
    }
}
