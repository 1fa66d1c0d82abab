package dev.signoff.artifacts;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.http.Abortable;

/**
 * An artifact opened for reading. The stream comes straight from S3 and is not buffered: the caller must close this,
 * which releases the connection.
 */
public record ArtifactContent(ArtifactRef ref, long size, String contentType, InputStream stream) implements Closeable {

    /** Drops the connection instead of reading the rest: for a download the client abandoned. */
    public void abort() {
        if (stream instanceof Abortable abortable) {
            abortable.abort();
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
