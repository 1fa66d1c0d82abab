package dev.signoff.testsupport;

import dev.signoff.sandbox.EmbeddedSmtp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Like {@link SmtpTestResource}, with an {@link SmtpFront} between the app's mailer and GreenMail: tests make the
 * front refuse chosen recipients, or go down, and read what GreenMail accepted through {@link #smtp()}.
 */
public class SmtpFrontTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedSmtp smtp;
    private static volatile SmtpFront front;

    @Override
    public Map<String, String> start() {
        smtp = EmbeddedSmtp.start("127.0.0.1", 0);
        front = SmtpFront.start("127.0.0.1", smtp.host(), smtp.port());
        return Map.of(
                "quarkus.mailer.host", front.host(),
                "quarkus.mailer.port", Integer.toString(front.port()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.login", "DISABLED",
                // A connection per mail: the tests take the front down and up again, and a pooled connection it cut
                // would fail the next test's first mail (retried, never lost, but not the reply that test expects).
                "quarkus.mailer.keep-alive", "false",
                "signoff.notify.enabled", "true");
    }

    public static EmbeddedSmtp smtp() {
        return smtp;
    }

    public static SmtpFront front() {
        return front;
    }

    @Override
    public void stop() {
        if (front != null) {
            front.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }
}
