package dev.signoff.notify;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The mail's one link, opened by someone signed out: sign-in, then exactly that task. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class MailLinkJourneyTest extends BrowserJourney {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Inject
    NotificationSender sender;

    @ConfigProperty(name = "signoff.notify.base-url")
    String baseUrl;

    @Test
    void the_mails_link_opened_signed_out_goes_through_sign_in_and_lands_on_the_task() throws Exception {
        StartedExecution execution = startExecution(body -> body.put("title", "Invoice INV-9001: mailed review"));
        UUID taskId = awaitTask(execution);
        Mails.sendAllDue(sender::sendDue);

        MimeMessage mail = SmtpTestResource.smtp().receivedBy("riley@example.com").stream()
                .filter(m -> Mails.links(m).contains(baseUrl + "/tasks/" + taskId))
                .findFirst()
                .orElseThrow();
        List<String> links = List.copyOf(Mails.links(mail));
        assertThat(links).hasSize(1);
        String path = URI.create(links.get(0)).getPath();

        browser.go(path);
        browser.awaitPath("/login");
        browser.signIn("reviewer", "reviewer");

        browser.awaitPath("/tasks/" + taskId);
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Invoice INV-9001: mailed review");
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(SCREENSHOTS.resolve("task-page-from-mail-link.png"));
    }
}
