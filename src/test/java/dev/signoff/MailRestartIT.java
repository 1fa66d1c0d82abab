package dev.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.EmbeddedSmtp;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.TcpProxy;
import dev.signoff.testsupport.Workflows;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged app killed while it sends mail: after a restart every notice has reached its recipient exactly once.
 * The kill lands while the app is mid-conversation with the SMTP server (the proxy in front of GreenMail holds what
 * the app sends, so its current message never completes), with more notices claimed under its lease.
 */
class MailRestartIT {

    private static final int TASKS = 8;
    private static final List<String> PEOPLE = List.of("ana", "ben", "cho", "dev", "eli");
    private static final String BASE_URL = "http://signoff.test";

    private static RestartRig rig;
    private static EmbeddedSmtp smtp;
    private static TcpProxy proxy;

    @BeforeAll
    static void start() throws IOException {
        rig = new RestartRig("mail-restart-it");
        smtp = EmbeddedSmtp.start("127.0.0.1", 0);
        proxy = new TcpProxy("127.0.0.1", smtp.port());
        rig.configure("quarkus.mailer.host", "127.0.0.1");
        rig.configure("quarkus.mailer.port", Integer.toString(proxy.port()));
        rig.configure("quarkus.mailer.start-tls", "DISABLED");
        rig.configure("quarkus.mailer.login", "DISABLED");
        rig.configure("signoff.notify.enabled", "true");
        rig.configure("signoff.notify.base-url", BASE_URL);
        rig.configure("signoff.notify.poll-interval", "200ms");
        rig.configure("signoff.notify.batch-size", "5");
        // A crashed instance's claims are taken over once their lease ends.
        rig.configure("signoff.notify.lease", "5s");
        for (String person : PEOPLE) {
            rig.configure("signoff.notify.people." + person + ".email", person + "@example.com");
            rig.configure("signoff.notify.people." + person + ".groups", "finance-reviewers");
        }
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void a_kill_mid_send_still_gives_each_recipient_exactly_one_mail_per_task() throws Exception {
        rig.launch();
        List<String> arns = IntStream.range(0, TASKS)
                .mapToObj(i -> Workflows.start(rig.queue().client(), rig.queue().queueUrl(), 3600)
                        .executionArn())
                .toList();
        int expected = TASKS * PEOPLE.size();
        rig.awaitUntil(
                "some mails delivered",
                Duration.ofSeconds(60),
                () -> smtp.received().size() >= 5,
                this::state);

        proxy.holdRequests();
        rig.awaitUntil(
                "the app stalled mid-send with notices claimed",
                Duration.ofSeconds(30),
                () -> rig.schema().count("notification", "status = 'PENDING' and lease_until is not null") > 0,
                this::state);
        int beforeKill = smtp.received().size();
        rig.app().kill();
        // Whatever the dead app had sent into the held connection goes with it, as with a real crash.
        proxy.cut();
        proxy.restore();
        assertThat(beforeKill).as("mails delivered before the kill").isLessThan(expected);

        rig.launch();
        rig.awaitUntil(
                "every notice sent",
                Duration.ofSeconds(90),
                () -> rig.schema().count("notification", "status = 'SENT'") == expected,
                this::state);

        assertThat(rig.schema().count("notification")).isEqualTo(expected);
        Map<String, Long> perRecipientAndTask = new TreeMap<>(smtp.received().stream()
                .collect(Collectors.groupingBy(MailRestartIT::recipientAndLink, Collectors.counting())));
        assertThat(perRecipientAndTask).hasSize(expected);
        assertThat(perRecipientAndTask.values())
                .as("mails per recipient and task")
                .containsOnly(1L);
        for (String arn : arns) {
            String link = BASE_URL + "/tasks/" + rig.schema().taskId(arn);
            for (String person : PEOPLE) {
                assertThat(perRecipientAndTask).containsEntry(person + "@example.com " + link, 1L);
            }
        }
    }

    private static String recipientAndLink(MimeMessage mail) {
        try {
            List<String> links = new ArrayList<>(Mails.links(mail));
            return mail.getAllRecipients()[0] + " " + String.join(",", links);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String state() {
        return "received " + smtp.received().size() + ", notices "
                + rig.schema().count("notification") + " ("
                + rig.schema().count("notification", "status = 'SENT'") + " sent, "
                + rig.schema().count("notification", "status = 'PENDING' and lease_until is not null") + " claimed)";
    }
}
