package dev.signoff.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signoff.sandbox.DemoArtifacts;
import dev.signoff.sandbox.DemoArtifacts.DemoArtifact;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

@QuarkusTest
@TestProfile(ArtifactTestProfile.class)
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
class ArtifactStoreTest {

    @Inject
    ArtifactStore store;

    @ConfigProperty(name = "quarkus.s3.endpoint-override")
    String s3Endpoint;

    private static ArtifactRef fresh(String name) {
        return new ArtifactRef(S3ProxyTestResource.BUCKET, "store-test/" + UUID.randomUUID() + "/" + name);
    }

    @Test
    void put_then_open_streams_back_the_same_bytes_and_content_type() throws Exception {
        ArtifactRef ref = fresh("findings.json");
        byte[] json = "{\"risk\":\"high\"}".getBytes(StandardCharsets.UTF_8);

        store.put(ref, "application/json", json);

        try (ArtifactContent content = store.open(ref)) {
            assertThat(content.size()).isEqualTo(json.length);
            assertThat(content.contentType()).isEqualTo("application/json");
            assertThat(content.stream().readAllBytes()).isEqualTo(json);
        }
    }

    @Test
    void head_reports_size_and_type_of_an_existing_object_and_absence_of_a_missing_one() {
        ArtifactRef ref = fresh("notes.txt");
        store.put(ref, "text/plain", "twelve bytes".getBytes(StandardCharsets.UTF_8));

        assertThat(store.head(ref)).isEqualTo(new ArtifactHead(ref, true, 12, "text/plain"));
        assertThat(store.head(fresh("missing.txt")).exists()).isFalse();
    }

    @Test
    void opening_a_missing_object_is_not_found() {
        assertThatThrownBy(() -> store.open(fresh("missing.pdf"))).isInstanceOf(ArtifactNotFoundException.class);
    }

    @Test
    void bucket_outside_allowed_list_is_refused_even_though_the_object_exists() {
        var foreign = new ArtifactRef(S3ProxyTestResource.FOREIGN_BUCKET, "secrets/" + UUID.randomUUID() + ".txt");
        try (var fixtures = S3ProxyTestResource.fixtureClient(s3Endpoint)) {
            fixtures.putObject(r -> r.bucket(foreign.bucket()).key(foreign.key()), RequestBody.fromString("secret"));
        }

        assertThatThrownBy(() -> store.open(foreign))
                .isInstanceOfSatisfying(
                        ArtifactAccessDeniedException.class,
                        denied -> assertThat(denied.bucketNotAllowed()).isTrue());
        assertThatThrownBy(() -> store.head(foreign)).isInstanceOf(ArtifactAccessDeniedException.class);
        assertThatThrownBy(() -> store.put(foreign, "text/plain", new byte[1]))
                .isInstanceOf(ArtifactAccessDeniedException.class);
    }

    @Test
    void preview_reads_small_artifacts_and_refuses_ones_over_the_limit() {
        ArtifactRef small = fresh("small.csv");
        ArtifactRef large = fresh("large.csv");
        store.put(small, "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        store.put(large, "text/csv", new byte[ArtifactTestProfile.MAX_PREVIEW_BYTES + 1]);

        assertThat(new String(store.readPreview(small).bytes(), StandardCharsets.UTF_8))
                .isEqualTo("a,b\n1,2\n");
        assertThatThrownBy(() -> store.readPreview(large))
                .isInstanceOfSatisfying(ArtifactTooLargeException.class, tooLarge -> {
                    assertThat(tooLarge.size()).isEqualTo(ArtifactTestProfile.MAX_PREVIEW_BYTES + 1);
                    assertThat(tooLarge.limit()).isEqualTo(ArtifactTestProfile.MAX_PREVIEW_BYTES);
                });
    }

    @Test
    void demo_seeder_uploads_every_demo_artifact_with_its_content_type() throws Exception {
        DemoArtifacts.seed(store, S3ProxyTestResource.BUCKET);

        for (DemoArtifact artifact : DemoArtifacts.ALL) {
            try (ArtifactContent content = store.open(artifact.in(S3ProxyTestResource.BUCKET))) {
                assertThat(content.contentType()).as(artifact.key()).isEqualTo(artifact.contentType());
                assertThat(content.stream().readAllBytes()).as(artifact.key()).isEqualTo(DemoArtifacts.read(artifact));
            }
        }
    }
}
