package dev.signoff.artifacts;

/** What S3 says about an artifact without reading it. Size and content type are meaningful only when it exists. */
public record ArtifactHead(ArtifactRef ref, boolean exists, long size, String contentType) {

    static ArtifactHead missing(ArtifactRef ref) {
        return new ArtifactHead(ref, false, 0, null);
    }
}
