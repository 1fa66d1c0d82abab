package dev.signoff.artifacts;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * An artifact opened for reading. The stream comes straight from S3 and is not buffered: the caller must close this,
 * which releases the connection.
 */
public record ArtifactContent(ArtifactRef ref, long size, String contentType, InputStream stream) implements Closeable {

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
