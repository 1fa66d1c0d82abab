package dev.signoff.artifacts;

/** The artifact exceeds signoff.artifacts.max-preview-size and can only be downloaded. */
public final class ArtifactTooLargeException extends ArtifactException {

    private final long size;
    private final long limit;

    ArtifactTooLargeException(ArtifactRef ref, long size, long limit) {
        super("artifact " + ref + " has " + size + " bytes, more than the preview limit of " + limit, null);
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
