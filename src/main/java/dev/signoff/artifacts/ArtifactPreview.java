package dev.signoff.artifacts;

/**
 * The start of an artifact (or all of it), read into memory to render in a page. {@code size} is the whole object's;
 * {@code bytes} holds fewer when the read was capped.
 */
public record ArtifactPreview(ArtifactRef ref, String contentType, byte[] bytes, long size) {

    /** True when {@code bytes} is the whole artifact. */
    public boolean complete() {
        return bytes.length >= size;
    }
}
