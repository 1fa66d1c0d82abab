package dev.signoff.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.Accessibility;
import dev.signoff.testsupport.BrowserJourney;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The settings page in Chromium: choose a mode, delegate and revoke by its forms; axe and a screenshot. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class NotificationSettingsBrowserTest extends BrowserJourney {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Inject
    Preferences preferences;

    @AfterEach
    void backToDefaults() {
        NotifyFixtures.reset();
    }

    @Test
    void a_reviewer_chooses_the_digest_delegates_and_revokes_on_the_settings_page() throws Exception {
        NotifyFixtures.reset();
        browser.go("/settings/notifications");
        browser.signIn("reviewer", "reviewer");
        browser.awaitPath("/settings/notifications");
        browser.find(By.cssSelector("input[name=mode][value=digest]")).click();
        browser.find(By.cssSelector("form[action='/settings/notifications'] button[type=submit]"))
                .click();
        awaitNotice("Saved: new tasks reach you as chosen below.");
        assertThat(preferences.mode("reviewer")).isEqualTo(NotifyMode.DIGEST);
        assertThat(browser.find(By.cssSelector("input[name=mode][value=digest]"))
                        .isSelected())
                .isTrue();

        String until = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
                .withZone(ZoneOffset.UTC)
                .format(StepFunctionsTestResource.clock().instant().plus(Duration.ofDays(7)));
        browser.find(By.id("delegate-to")).sendKeys("reviewer2");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("document.getElementById('delegate-until').value = arguments[0];", until);
        browser.find(By.cssSelector("form[action='/settings/notifications/delegations'] button[type=submit]"))
                .click();
        awaitNotice("Delegated:");
        assertThat(browser.find(By.cssSelector("table tbody")).getText())
                .contains("Sam Second (reviewer2)", "In force");
        assertThat(Accessibility.seriousViolations(browser)).isEmpty();
        Files.createDirectories(SCREENSHOTS);
        browser.screenshot(SCREENSHOTS.resolve("notification-settings.png"));

        browser.find(By.cssSelector("form[action$='/revoke'] button")).click();
        awaitNotice("Revoked:");
        assertThat(browser.find(By.id("away-title")).findElement(By.xpath("..")).getText())
                .contains("No delegation in force or planned.");
    }

    private void awaitNotice(String start) {
        browser.await(
                "the notice " + start,
                d -> d.findElements(By.cssSelector(".alert.info")).stream()
                        .anyMatch(e -> e.getText().startsWith(start)));
    }
}
