package dev.signoff.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactRefTest {

    @Test
    void parse_splits_bucket_and_keeps_the_whole_key() {
        ArtifactRef ref = ArtifactRef.parse("s3://agent-output/runs/7/report final.md");

        assertThat(ref.bucket()).isEqualTo("agent-output");
        assertThat(ref.key()).isEqualTo("runs/7/report final.md");
        assertThat(ref.uri()).isEqualTo("s3://agent-output/runs/7/report final.md");
        assertThat(ref.fileName()).isEqualTo("report final.md");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://agent-output.s3.amazonaws.com/x",
                "s3://agent-output",
                "s3://agent-output/",
                "s3://Agent_Output/x",
                "s3://ab/x",
                "s3://a..b/x",
                "s3:///x"
            })
    void parse_rejects_anything_but_a_valid_bucket_and_key(String uri) {
        assertThatThrownBy(() -> ArtifactRef.parse(uri)).isInstanceOf(IllegalArgumentException.class);
    }
}
