package dev.signoff.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.Constants;
import org.jboss.logging.Logger;

/**
 * S3Proxy running in this JVM on its "filesystem" backend: buckets are folders under a base directory, objects are
 * files. Requests must be signed (SigV2 or SigV4) with {@link #ACCESS_KEY}/{@link #SECRET_KEY}. Used by the sandbox and
 * by the test suite; never started in production.
 */
public final class EmbeddedS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "signoff-local";

    public static final String SECRET_KEY = "signoff-local-secret";

    private static final Logger LOG = Logger.getLogger(EmbeddedS3.class);
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** @param port 0 picks a free port */
    public record Settings(String host, int port, Path baseDirectory, List<String> buckets) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(baseDirectory, "baseDirectory");
            buckets = List.copyOf(buckets);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
            for (String bucket : buckets) {
                if (!BUCKET_NAME.matcher(bucket).matches()) {
                    throw new IllegalArgumentException("not a valid S3 bucket name: " + bucket);
                }
            }
        }
    }

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;

    private EmbeddedS3(S3Proxy proxy, BlobStore blobStore, URI endpoint) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
    }

    /** Starts S3Proxy, waits until it listens, and creates the buckets that do not exist yet. */
    public static EmbeddedS3 start(Settings settings) {
        BlobStore blobStore = filesystemBlobStore(settings.baseDirectory());
        for (String bucket : settings.buckets()) {
            if (!blobStore.containerExists(bucket)) {
                blobStore.createContainer(bucket);
            }
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://" + settings.host() + ":" + settings.port()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // No graceful drain: it would wait out the keep-alive connections clients leave open.
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            blobStore.close();
            throw new IllegalStateException("S3Proxy did not start on " + settings.host() + ":" + settings.port(), e);
        }
        URI endpoint = URI.create("http://" + settings.host() + ":" + proxy.getPort());
        LOG.infof(
                "Embedded S3 (S3Proxy) listening on %s, data in %s, buckets %s",
                endpoint, settings.baseDirectory(), settings.buckets());
        return new EmbeddedS3(proxy, blobStore, endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warnf(e, "Embedded S3 on %s did not stop cleanly", endpoint);
        }
        blobStore.close();
        LOG.infof("Embedded S3 on %s stopped", endpoint);
    }

    private static BlobStore filesystemBlobStore(Path baseDirectory) {
        try {
            Files.createDirectories(baseDirectory);
            var properties = new Properties();
            properties.setProperty(
                    "jclouds.filesystem.basedir",
                    baseDirectory.toAbsolutePath().normalize().toString());
            properties.setProperty(Constants.PROPERTY_IDENTITY, ACCESS_KEY);
            properties.setProperty(Constants.PROPERTY_CREDENTIAL, SECRET_KEY);
            return BlobStores.create("filesystem", properties);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create S3 base directory " + baseDirectory, e);
        }
    }
}
