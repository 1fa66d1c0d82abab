package dev.signoff.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signoff.contract.TaskTokens;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static final String TOKEN = "AQ+/tokenWith+slashes/and=padding==" + "x".repeat(600);

    @Test
    void a_sealed_token_opens_to_the_original_and_does_not_contain_it() {
        TokenCipher cipher = new TokenCipher(Map.of("k1", newKey()), "k1");

        String sealed = cipher.seal(TOKEN);

        assertThat(sealed).startsWith("v1:k1:").doesNotContain(TOKEN).doesNotContain("tokenWith");
        assertThat(cipher.open(sealed)).isEqualTo(TOKEN);
    }

    @Test
    void a_task_token_opens_only_for_the_row_of_its_own_hash() {
        TokenCipher cipher = new TokenCipher(Map.of("k1", newKey()), "k1");
        String hash = TaskTokens.tokenHash(TOKEN);

        String sealed = cipher.sealToken(TOKEN, hash);

        assertThat(sealed).startsWith("v2:k1:").doesNotContain(TOKEN);
        assertThat(cipher.openToken(sealed, hash)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> cipher.openToken(sealed, TaskTokens.tokenHash("another execution's token")))
                .hasMessageContaining("sealed for another row");
        assertThatThrownBy(() -> cipher.open(sealed))
                .as("a bound token never opens without its binding")
                .hasMessageContaining("failed authentication");
    }

    @Test
    void a_token_sealed_before_binding_still_opens_where_it_is_stored() {
        TokenCipher cipher = new TokenCipher(Map.of("k1", newKey()), "k1");
        String legacy = cipher.seal(TOKEN);

        assertThat(cipher.openToken(legacy, TaskTokens.tokenHash(TOKEN))).isEqualTo(TOKEN);
    }

    @Test
    void sealing_the_same_token_twice_gives_different_values() {
        TokenCipher cipher = new TokenCipher(Map.of("k1", newKey()), "k1");

        assertThat(cipher.seal(TOKEN)).isNotEqualTo(cipher.seal(TOKEN));
    }

    @Test
    void after_rotation_old_tokens_still_open_and_new_ones_use_the_new_key() {
        String oldKey = newKey();
        String sealedBefore = new TokenCipher(Map.of("k1", oldKey), "k1").seal(TOKEN);
        TokenCipher rotated = new TokenCipher(Map.of("k1", oldKey, "k2", newKey()), "k2");

        assertThat(rotated.open(sealedBefore)).isEqualTo(TOKEN);
        assertThat(TokenCipher.keyIdOf(rotated.seal(TOKEN))).isEqualTo("k2");
    }

    @Test
    void a_token_sealed_with_a_removed_key_fails_with_a_message_naming_the_key() {
        String sealed = new TokenCipher(Map.of("k1", newKey()), "k1").seal(TOKEN);
        TokenCipher withoutK1 = new TokenCipher(Map.of("k2", newKey()), "k2");

        assertThatThrownBy(() -> withoutK1.open(sealed)).hasMessageContaining("'k1'");
    }

    @Test
    void a_tampered_value_is_refused() {
        TokenCipher cipher = new TokenCipher(Map.of("k1", newKey()), "k1");
        String sealed = cipher.seal(TOKEN);
        byte[] raw = Base64.getDecoder().decode(sealed.substring("v1:k1:".length()));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:k1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.open(tampered)).hasMessageContaining("failed authentication");
    }

    @Test
    void misconfigured_keys_fail_at_start_with_a_clear_message() {
        assertThatThrownBy(() -> new TokenCipher(Map.of("k1", "c2hvcnQ="), "k1"))
                .hasMessageContaining("must be 32 bytes")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> new TokenCipher(Map.of("k1", newKey()), "k9"))
                .hasMessageContaining("active-token-key 'k9'");
        assertThatThrownBy(() -> new TokenCipher(Map.of("k1", "not base64!"), "k1"))
                .hasMessageContaining("not valid base64");
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
