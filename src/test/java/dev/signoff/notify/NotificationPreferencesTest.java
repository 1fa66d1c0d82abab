package dev.signoff.notify;

import static dev.signoff.notify.NotifyFixtures.mailsAbout;
import static dev.signoff.notify.NotifyFixtures.taskFor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Each person's mode decides their new-task mails; the settings page sets it by a plain form POST. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class NotificationPreferencesTest {

    @Inject
    SqsClient sqs;

    @Inject
    NotificationSender sender;

    @Inject
    Preferences preferences;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @BeforeEach
    void emptyMailboxes() {
        NotifyFixtures.reset();
        Mails.sendAllDue(sender::sendDue);
        SmtpTestResource.smtp().purge();
    }

    @AfterEach
    void backToDefaults() {
        NotifyFixtures.reset();
    }

    @Test
    void immediate_mails_each_task_digest_and_off_mail_none() {
        NotifyFixtures.mode("reviewer", NotifyMode.IMMEDIATE);
        NotifyFixtures.mode("reviewer2", NotifyMode.DIGEST);
        NotifyFixtures.mode("admin", NotifyMode.OFF);
        UUID forReviewer = taskFor(sqs, queueUrl, "reviewer");
        UUID forSecond = taskFor(sqs, queueUrl, "reviewer2");
        UUID forAdmin = taskFor(sqs, queueUrl, "admin");

        Mails.sendAllDue(sender::sendDue);

        assertThat(mailsAbout("riley@example.com", forReviewer)).hasSize(1);
        assertThat(mailsAbout("sam@example.com", forSecond)).isEmpty();
        assertThat(mailsAbout("ada@example.com", forAdmin)).isEmpty();
        assertThat(SmtpTestResource.smtp().receivedBy("sam@example.com")).isEmpty();
        assertThat(SmtpTestResource.smtp().receivedBy("ada@example.com")).isEmpty();
    }

    @Test
    void without_a_choice_the_configured_default_applies() {
        assertThat(preferences.mode("reviewer")).isEqualTo(NotifyMode.IMMEDIATE);
        UUID task = taskFor(sqs, queueUrl, "reviewer");

        Mails.sendAllDue(sender::sendDue);

        assertThat(mailsAbout("riley@example.com", task)).hasSize(1);
    }

    @Test
    void the_settings_form_saves_the_mode_with_a_303_and_the_page_shows_it() {
        Response saved = post("reviewer2", "digest", "same-origin");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.header("Location")).endsWith("/settings/notifications?done=mode");
        assertThat(preferences.mode("reviewer2")).isEqualTo(NotifyMode.DIGEST);
        assertThat(preferences.mode("reviewer")).isEqualTo(NotifyMode.IMMEDIATE);

        String page = given().auth()
                .preemptive()
                .basic("reviewer2", "reviewer2")
                .get("/settings/notifications?done=mode")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("Saved: new tasks reach you as chosen below.")
                .contains("value=\"digest\" checked")
                .doesNotContain("value=\"immediate\" checked");

        UUID task = taskFor(sqs, queueUrl, "reviewer2");
        Mails.sendAllDue(sender::sendDue);
        assertThat(mailsAbout("sam@example.com", task)).isEmpty();
    }

    @Test
    void an_unknown_mode_is_refused_on_the_form_and_a_cross_site_post_changes_nothing() {
        Response unknown = post("reviewer", "hourly", "same-origin");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.asString()).contains("Choose immediately, a daily digest or off.");

        assertThat(post("reviewer", "off", "cross-site").statusCode()).isEqualTo(403);
        assertThat(preferences.chosen("reviewer")).isFalse();
        assertThat(preferences.mode("reviewer")).isEqualTo(NotifyMode.IMMEDIATE);
    }

    @Test
    void the_page_is_for_signed_in_people_only_and_its_get_changes_nothing() {
        given().redirects().follow(false).get("/settings/notifications").then().statusCode(302);
        given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/settings/notifications?mode=off")
                .then()
                .statusCode(200);
        assertThat(preferences.chosen("reviewer")).isFalse();
    }

    private static Response post(String user, String mode, String fetchSite) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .redirects()
                .follow(false)
                .header("Sec-Fetch-Site", fetchSite)
                .formParam("mode", mode)
                .post("/settings/notifications");
    }
}
