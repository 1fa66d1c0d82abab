package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs infra/check.sh, which validates every ASL file with the pinned asl-validator (npm). The script itself refuses
 * a validator that accepts a broken definition, so a green run means each example really was checked.
 */
class AslValidatorTest {

    @Test
    void every_example_state_machine_passes_asl_validator() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "bash", InfraFiles.ROOT.resolve("infra/check.sh").toString())
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("infra/check.sh finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        for (String name : InfraFiles.EXAMPLE_NAMES) {
            assertThat(output).contains("\"./examples/" + name + ".asl.json\" is valid");
        }
        assertThat(output).contains(InfraFiles.examples().size() + " ASL files valid");
    }
}
