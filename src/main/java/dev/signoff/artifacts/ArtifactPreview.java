package dev.signoff.artifacts;

/** An artifact small enough to render in a page, read fully into memory. */
public record ArtifactPreview(ArtifactRef ref, String contentType, byte[] bytes) {}
