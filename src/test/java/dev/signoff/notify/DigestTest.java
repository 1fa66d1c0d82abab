package dev.signoff.notify;

import static dev.signoff.notify.NotifyFixtures.mailsAbout;
import static dev.signoff.notify.NotifyFixtures.open;
import static dev.signoff.notify.NotifyFixtures.subjectStarting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The daily digest at the configured hour, once per person and day, and a burst of new tasks as one digest. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class DigestTest {

    private static final String ADA = "ada@example.com";

    @Inject
    SqsClient sqs;

    @Inject
    NotificationSender sender;

    @Inject
    DigestWriter writer;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.notify.base-url")
    String baseUrl;

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
    void the_daily_digest_lists_waiting_tasks_overdue_first_at_the_hour_and_once_a_day() throws Exception {
        NotifyFixtures.mode("admin", NotifyMode.DIGEST);
        Instant now = StepFunctionsTestResource.clock().instant();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        NotifyFixtures.Opened later =
                open(sqs, queueUrl, "Later " + tag, List.of("admin"), List.of(), now.plus(Duration.ofDays(4)));
        NotifyFixtures.Opened soon =
                open(sqs, queueUrl, "Soon " + tag, List.of("admin"), List.of(), now.plus(Duration.ofHours(1)));
        NotifyFixtures.Opened undated = open(sqs, queueUrl, "Undated " + tag, List.of("admin"), List.of(), null);
        Mails.sendAllDue(sender::sendDue);
        assertThat(SmtpTestResource.smtp().receivedBy(ADA))
                .as("no mail per task in digest mode")
                .isEmpty();

        // To 07:59 UTC on a day at least two hours on: "soon" is overdue by then, "later" is not.
        Instant beforeHour = nextAt(LocalTime.of(7, 59), now.plus(Duration.ofHours(2)));
        StepFunctionsTestResource.clock()
                .advance(Duration.between(StepFunctionsTestResource.clock().instant(), beforeHour));
        assertThat(writer.writeDue()).isZero();
        Mails.sendAllDue(sender::sendDue);
        assertThat(SmtpTestResource.smtp().receivedBy(ADA)).isEmpty();

        StepFunctionsTestResource.clock().advance(Duration.ofMinutes(1));
        assertThat(writer.writeDue()).isPositive();
        assertThat(writer.writeDue())
                .as("the second run of the day writes nothing")
                .isZero();
        Mails.sendAllDue(sender::sendDue);
        assertThat(writer.writeDue()).isZero();
        Mails.sendAllDue(sender::sendDue);

        String day = LocalDate.ofInstant(StepFunctionsTestResource.clock().instant(), ZoneOffset.UTC)
                .toString();
        List<MimeMessage> digests = SmtpTestResource.smtp().receivedBy(ADA);
        assertThat(digests).hasSize(1);
        MimeMessage digest = digests.get(0);
        assertThat(digest.getSubject())
                .startsWith("Your reviews for " + day + ":")
                .contains("overdue");
        String text = Mails.text(digest);
        assertThat(text).contains("[OVERDUE] Soon " + tag, "Workflow: invoice-processing");
        assertThat(text.indexOf("Soon " + tag))
                .isLessThan(text.indexOf("Later " + tag))
                .isLessThan(text.indexOf("Undated " + tag));
        assertThat(text.indexOf("Later " + tag)).isLessThan(text.indexOf("Undated " + tag));
        assertThat(text).doesNotContain("[OVERDUE] Later " + tag);
        int lastOverdue = text.lastIndexOf("[OVERDUE]");
        assertThat(lastOverdue)
                .as("every overdue task comes before the others")
                .isLessThan(text.indexOf("Later " + tag));
        String html = Mails.html(digest);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/mails"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/mails/daily-digest.html"), html);
        assertThat(html).contains("Overdue</strong>").contains("href=\"" + baseUrl + "/tasks/" + soon.id() + "\"");
        assertThat(Mails.links(digest))
                .contains(
                        baseUrl + "/tasks/" + soon.id(),
                        baseUrl + "/tasks/" + later.id(),
                        baseUrl + "/tasks/" + undated.id())
                .allMatch(link -> link.startsWith(baseUrl + "/tasks/"));
        Mails.assertNoMailContains(digests, soon.token());
        Mails.assertNoMailContains(digests, later.token());
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> Notification.count(
                                "kind = ?1 and recipient = 'admin' and occurrence = ?2 and taskId is null",
                                Notification.Kind.DIGEST,
                                day)))
                .isEqualTo(1);
    }

    @Test
    void a_burst_of_new_tasks_gives_at_most_the_threshold_of_mails_and_one_digest_with_the_rest() throws Exception {
        // Out of any earlier test's burst window.
        StepFunctionsTestResource.clock().advance(Duration.ofMinutes(11));
        List<UUID> tasks = new ArrayList<>();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 15; i++) {
            tasks.add(NotifyFixtures.task(sqs, queueUrl, "Burst " + tag + " #" + i, List.of("admin"), List.of(), null));
        }
        Mails.sendAllDue(sender::sendDue);
        List<UUID> mailed =
                tasks.stream().filter(t -> !mailsAbout(ADA, t).isEmpty()).toList();
        assertThat(mailed).hasSize(10);
        assertThat(SmtpTestResource.smtp().receivedBy(ADA)).hasSize(10);

        StepFunctionsTestResource.clock().advance(Duration.ofMinutes(10));
        Mails.sendAllDue(sender::sendDue);

        List<MimeMessage> bursts = subjectStarting(ADA, "5 more reviews arrived");
        assertThat(bursts).hasSize(1);
        assertThat(SmtpTestResource.smtp().receivedBy(ADA)).hasSize(11);
        String text = Mails.text(bursts.get(0));
        for (UUID task : tasks) {
            assertThat(text.contains("/tasks/" + task))
                    .as("task %s is in the digest exactly when it had no mail of its own", task)
                    .isEqualTo(!mailed.contains(task));
        }
    }

    /** The first instant at {@code time} (UTC) that is not before {@code notBefore}. */
    private static Instant nextAt(LocalTime time, Instant notBefore) {
        Instant at = LocalDate.ofInstant(notBefore, ZoneOffset.UTC).atTime(time).toInstant(ZoneOffset.UTC);
        return at.isBefore(notBefore) ? at.plus(Duration.ofDays(1)) : at;
    }
}
