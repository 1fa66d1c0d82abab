package dev.signoff.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

class EmbeddedS3Test {

    @TempDir
    Path dataDir;

    private EmbeddedS3 start() {
        return EmbeddedS3.start(new EmbeddedS3.Settings("127.0.0.1", 0, dataDir, List.of("demo-bucket")));
    }

    private static S3Client client(EmbeddedS3 s3) {
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void objects_survive_a_restart_on_the_same_base_directory() {
        try (var s3 = start();
                var client = client(s3)) {
            assertThat(client.listBuckets().buckets()).extracting(Bucket::name).containsExactly("demo-bucket");
            client.putObject(
                    r -> r.bucket("demo-bucket").key("a/b.txt").contentType("text/plain"),
                    RequestBody.fromString("kept"));
        }

        try (var s3 = start();
                var client = client(s3)) {
            var object = client.getObjectAsBytes(r -> r.bucket("demo-bucket").key("a/b.txt"));
            assertThat(object.asUtf8String()).isEqualTo("kept");
            assertThat(object.response().contentType()).isEqualTo("text/plain");
        }
    }

    @Test
    void unsigned_requests_are_refused() throws Exception {
        try (var s3 = start()) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(s3.endpoint() + "/demo-bucket"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(403);
        }
    }
}
