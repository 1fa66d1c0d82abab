package dev.signoff.sandbox.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskTokensTest {

    @Test
    void minted_tokens_look_like_aws_tokens_and_are_recognised() {
        String token = TaskTokens.mint();

        assertThat(token).hasSize(684).startsWith("AQ+/").endsWith("==").contains("+", "/", "=");
        assertThat(token).matches("[A-Za-z0-9+/=]+");
        assertThat(TaskTokens.isWellFormed(token)).isTrue();
    }

    @Test
    void minted_tokens_do_not_repeat() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(TaskTokens.mint());
        }
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void altered_tokens_are_not_well_formed() {
        String token = TaskTokens.mint();

        assertThat(TaskTokens.isWellFormed(token.substring(1))).isFalse();
        assertThat(TaskTokens.isWellFormed(token + "A")).isFalse();
        assertThat(TaskTokens.isWellFormed("B" + token.substring(1))).isFalse();
        assertThat(TaskTokens.isWellFormed(token.replace('+', '-'))).isFalse();
        assertThat(TaskTokens.isWellFormed("")).isFalse();
    }

    @Test
    void hash_is_hex_sha256_and_differs_from_the_token() {
        String token = TaskTokens.mint();

        assertThat(TaskTokens.sha256(token)).hasSize(64).matches("[0-9a-f]+").isEqualTo(TaskTokens.sha256(token));
        assertThat(TaskTokens.sha256(token)).isNotEqualTo(TaskTokens.sha256(TaskTokens.mint()));
    }
}
