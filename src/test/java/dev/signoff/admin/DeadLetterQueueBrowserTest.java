package dev.signoff.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.Accessibility;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The dead-letter page as an admin reaches it from the dashboard: the message, its body masked, axe. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class DeadLetterQueueBrowserTest extends BrowserJourney {

    @Inject
    SqsClient queues;

    @ConfigProperty(name = "signoff.intake.dead-letter-queue-url")
    String deadLetterQueueUrl;

    @Test
    void the_dlq_tile_opens_the_dead_letter_page_which_shows_the_body_masked_and_passes_axe() throws Exception {
        queues.purgeQueue(r -> r.queueUrl(deadLetterQueueUrl));
        StartedExecution execution = Workflows.start(queues, deadLetterQueueUrl, 3600);

        browser.go("/admin");
        browser.signIn("admin", "admin");
        browser.awaitElement(By.id("tiles"));
        browser.find(By.cssSelector("#tile-dead-letters a")).click();
        browser.awaitElement(By.cssSelector(".dead-letter"));
        assertThat(browser.path()).isEqualTo("/admin/dead-letters");
        browser.find(By.cssSelector(".dead-letter summary")).click();

        String shown = browser.find(By.id("main")).getText();
        assertThat(shown).contains(execution.executionArn()).doesNotContain(execution.taskToken());
        assertThat(Accessibility.seriousViolations(browser))
                .as("dead-letter page")
                .isEmpty();
        Path screenshots = Files.createDirectories(Path.of("target/screenshots"));
        browser.screenshot(screenshots.resolve("admin-dead-letters.png"));
    }
}
