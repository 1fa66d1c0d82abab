package dev.signoff.testsupport;

import dev.signoff.sandbox.EmbeddedS3;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts S3Proxy on a free port over a fresh temporary directory, creates {@link #BUCKET} (allowed) and
 * {@link #FOREIGN_BUCKET} (exists, but not allowed), and points the app's S3Client and {@code signoff.artifacts.*} at
 * them.
 */
public class S3ProxyTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String REGION = "us-east-1";
    public static final String BUCKET = "signoff-artifacts-test";
    public static final String FOREIGN_BUCKET = "someone-elses-bucket";

    private Path dataDirectory;
    private EmbeddedS3 s3;

    @Override
    public Map<String, String> start() {
        try {
            dataDirectory = Files.createTempDirectory("signoff-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3 = EmbeddedS3.start(new EmbeddedS3.Settings("127.0.0.1", 0, dataDirectory, List.of(BUCKET, FOREIGN_BUCKET)));
        return Map.of(
                "quarkus.s3.endpoint-override",
                s3.endpoint().toString(),
                "quarkus.s3.aws.region",
                REGION,
                "quarkus.s3.path-style-access",
                "true",
                "quarkus.s3.aws.credentials.type",
                "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id",
                EmbeddedS3.ACCESS_KEY,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key",
                EmbeddedS3.SECRET_KEY,
                "signoff.artifacts.allowed-buckets",
                BUCKET);
    }

    /**
     * A plain SDK client for arranging fixtures behind the app's back (e.g. objects in {@link #FOREIGN_BUCKET}); pass
     * {@code quarkus.s3.endpoint-override}. The caller closes it.
     */
    public static S3Client fixtureClient(String endpoint) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (dataDirectory != null) {
            deleteRecursively(dataDirectory);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
