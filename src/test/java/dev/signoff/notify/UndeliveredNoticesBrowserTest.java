package dev.signoff.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.Accessibility;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpFrontTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** A refused mail as admins see it: on the dashboard, in the list of notifications not delivered, on the task page. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpFrontTestResource.class)
class UndeliveredNoticesBrowserTest extends BrowserJourney {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String REFUSAL = "550 5.1.1 <sam@example.com>: Recipient address rejected: User unknown";

    @Inject
    NotificationSender sender;

    @AfterEach
    void relayAgain() {
        SmtpFrontTestResource.front().acceptAll();
    }

    @Test
    void admins_see_a_refused_mail_on_the_dashboard_the_list_and_the_task_page() throws Exception {
        SmtpFrontTestResource.front().reply("sam@example.com", REFUSAL);
        StartedExecution execution = startExecution(body -> {
            body.put("title", "Refused mail for the dashboard");
            body.putObject("assignees").putArray("users").add("reviewer").add("reviewer2");
        });
        UUID taskId = ReviewTasks.awaitTask(execution);
        Mails.sendAllDue(sender::sendDue);

        browser.go("/admin");
        browser.signIn("admin", "admin");
        browser.awaitElement(By.id("notifications-not-delivered"));
        String row = browser.find(By.cssSelector("#notifications-not-delivered table"))
                .getText();
        assertThat(row)
                .contains("NEW_TASK", "reviewer2", "sam@example.com", "Refused mail for the dashboard", "REFUSED")
                .contains("SMTP 550");
        assertThat(browser.find(By.cssSelector("#notifications-not-delivered a[href='/tasks/" + taskId + "']")))
                .isNotNull();
        assertThat(Accessibility.seriousViolations(browser)).as("dashboard").isEmpty();
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(SCREENSHOTS.resolve("admin-dashboard-undelivered.png"));

        browser.go("/admin/notifications");
        browser.awaitElement(By.id("undelivered"));
        assertThat(browser.findAll(By.cssSelector("#undelivered tbody tr"))
                        .get(0)
                        .getText())
                .as("newest first")
                .contains("Refused mail for the dashboard", "reviewer2", "User unknown")
                .doesNotContain("riley@example.com");
        assertThat(Accessibility.seriousViolations(browser)).as("list").isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("admin-notifications.png"));

        browser.go("/tasks/" + taskId);
        browser.awaitElement(By.id("notices"));
        String notices = browser.find(By.id("notices")).getText();
        assertThat(notices)
                .contains("Notifications (2)")
                .contains("new task mail to reviewer: sent")
                .contains("new task mail to reviewer2: refused")
                .contains("User unknown");
        assertThat(Accessibility.seriousViolations(browser)).as("task page").isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("task-notices.png"));

        browser.forgetEverything();
        browser.go("/tasks/" + taskId);
        browser.signIn("reviewer", "reviewer");
        browser.awaitElement(By.id("notices"));
        assertThat(browser.find(By.id("notices")).getText())
                .contains("new task mail to reviewer2: refused")
                .as("the server's words are for admins")
                .doesNotContain("User unknown");
    }
}
