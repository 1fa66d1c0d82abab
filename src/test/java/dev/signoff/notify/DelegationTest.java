package dev.signoff.notify;

import static dev.signoff.notify.NotifyFixtures.mailsAbout;
import static dev.signoff.notify.NotifyFixtures.taskFor;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.audit.AuditEvent;
import dev.signoff.review.TaskAssignee;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Out of office: new tasks named for the delegator reach the delegate, who may decide them, until revoked. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class DelegationTest {

    private static final DateTimeFormatter FORM =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
    private static final String RILEY = "riley@example.com";
    private static final String SAM = "sam@example.com";

    @Inject
    SqsClient sqs;

    @Inject
    NotificationSender sender;

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
    void the_delegate_gets_the_new_task_and_its_mail_and_decides_it_until_the_delegation_is_revoked() {
        Response delegated = delegate("reviewer", "reviewer2", "", in(Duration.ofDays(2)));
        assertThat(delegated.statusCode()).isEqualTo(303);
        assertThat(delegated.header("Location")).endsWith("/settings/notifications?done=delegated");
        assertThat(userEvents("DELEGATION_STARTED")).anyMatch(e -> e.detail.startsWith("reviewer to reviewer2 from"));
        assertThat(page("reviewer2")).contains("You cover for", "Riley Reviewer (reviewer)");

        UUID task = taskFor(sqs, queueUrl, "reviewer");
        Mails.sendAllDue(sender::sendDue);

        assertThat(mailsAbout(SAM, task)).hasSize(1);
        assertThat(mailsAbout(RILEY, task)).as("the delegator is away: no mail").isEmpty();
        assertThat(taskEvents(task, "DELEGATED"))
                .extracting(e -> e.detail)
                .containsExactly("to reviewer2 while reviewer is away");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> TaskAssignee.<TaskAssignee>list("key.taskId", task).stream()
                                .map(a -> a.key.kind() + " " + a.key.name())
                                .toList()))
                .containsExactlyInAnyOrder("USER reviewer", "USER reviewer2");
        given().auth()
                .preemptive()
                .basic("reviewer2", "reviewer2")
                .get("/api/tasks/" + task)
                .then()
                .statusCode(200);
        assertThat(decide("reviewer2", task, "approve").statusCode()).isEqualTo(200);

        UUID id = QuarkusTransaction.requiringNew()
                .call(() -> Delegation.<Delegation>find("fromUser = 'reviewer' and revokedAt is null")
                        .firstResult()
                        .id);
        assertThat(revoke("reviewer2", id).statusCode())
                .as("not theirs to revoke")
                .isEqualTo(404);
        Response revoked = revoke("reviewer", id);
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.header("Location")).endsWith("/settings/notifications?done=revoked");
        assertThat(userEvents("DELEGATION_REVOKED")).anyMatch(e -> e.detail.equals("reviewer to reviewer2 revoked"));

        UUID after = taskFor(sqs, queueUrl, "reviewer");
        Mails.sendAllDue(sender::sendDue);
        assertThat(mailsAbout(RILEY, after)).hasSize(1);
        assertThat(mailsAbout(SAM, after)).isEmpty();
        assertThat(taskEvents(after, "DELEGATED")).isEmpty();
        given().auth()
                .preemptive()
                .basic("reviewer2", "reviewer2")
                .get("/api/tasks/" + after)
                .then()
                .statusCode(404);
    }

    @Test
    void a_delegation_that_has_not_started_yet_changes_nothing() {
        assertThat(delegate("reviewer", "reviewer2", in(Duration.ofDays(1)), in(Duration.ofDays(2)))
                        .statusCode())
                .isEqualTo(303);
        assertThat(page("reviewer")).contains("Planned", "Sam Second (reviewer2)");

        UUID task = taskFor(sqs, queueUrl, "reviewer");
        Mails.sendAllDue(sender::sendDue);

        assertThat(mailsAbout(RILEY, task)).hasSize(1);
        assertThat(mailsAbout(SAM, task)).isEmpty();
    }

    @Test
    void refusals_are_shown_on_the_form() {
        String until = in(Duration.ofDays(2));
        assertRefused(delegate("reviewer", "reviewer", "", until), "You cannot delegate to yourself");
        assertRefused(delegate("reviewer", "nobody-we-know", "", until), "Signoff does not know a user");
        assertRefused(delegate("reviewer", "reviewer2", "", in(Duration.ofDays(-1))), "The period is over already");
        assertRefused(
                delegate("reviewer", "reviewer2", in(Duration.ofDays(-2)), until), "The period starts in the past");
        assertRefused(delegate("reviewer", "reviewer2", "", "not-a-time"), "The end is not a date and time");
        assertThat(delegate("reviewer", "reviewer2", "", until).statusCode()).isEqualTo(303);
        assertRefused(
                delegate("reviewer", "admin", in(Duration.ofDays(1)), in(Duration.ofDays(3))),
                "You have a delegation in that period already");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> Delegation.count("fromUser = 'reviewer' and revokedAt is null")))
                .isEqualTo(1);
    }

    private static void assertRefused(Response response, String message) {
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.asString()).contains(message).contains("name=\"until\"");
    }

    private static String in(Duration from) {
        return FORM.format(StepFunctionsTestResource.clock().instant().plus(from));
    }

    private static Response delegate(String user, String to, String from, String until) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .redirects()
                .follow(false)
                .header("Sec-Fetch-Site", "same-origin")
                .formParam("to", to)
                .formParam("from", from)
                .formParam("until", until)
                .post("/settings/notifications/delegations");
    }

    private static Response revoke(String user, UUID id) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .redirects()
                .follow(false)
                .header("Sec-Fetch-Site", "same-origin")
                .post("/settings/notifications/delegations/" + id + "/revoke");
    }

    private static String page(String user) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .get("/settings/notifications")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static List<AuditEvent> userEvents(String type) {
        Instant since = StepFunctionsTestResource.clock().instant().minus(Duration.ofMinutes(5));
        return QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.list("type = ?1 and taskId is null and at >= ?2", type, since));
    }

    private static List<AuditEvent> taskEvents(UUID task, String type) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.list("taskId = ?1 and type = ?2", task, type));
    }
}
