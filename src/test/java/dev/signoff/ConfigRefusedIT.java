package dev.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged app checks its configuration before it does anything else: a value out of range stops it, and the
 * console names the property. The plain tests of each mapping (e.g. IntakeConfigTest) cover the ranges; this shows
 * that the production build really runs those checks at start-up.
 */
class ConfigRefusedIT {

    @Test
    void an_sqs_batch_size_over_ten_stops_the_app_at_start_up_naming_the_property() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        // Every required setting is given, so the batch size is the one thing wrong. Nothing here is ever reached.
        Map<String, String> config = Map.of(
                "signoff.intake.queue-url", "http://127.0.0.1:9/000000000000/never-read",
                "signoff.security.token-keys.k1", Base64.getEncoder().encodeToString(key),
                "signoff.security.active-token-key", "k1",
                "signoff.intake.batch-size", "11");

        PackagedApp.Exit exit = PackagedApp.runUntilExit(
                config, Path.of("target", "config-refused-it", "batch-size.log"), Duration.ofSeconds(90));

        assertThat(exit.status()).as(exit.console()).isNotZero();
        assertThat(exit.console()).contains("signoff.intake.batch-size must be less than or equal to 10");
    }
}
