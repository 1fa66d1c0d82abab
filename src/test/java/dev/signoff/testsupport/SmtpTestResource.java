package dev.signoff.testsupport;

import dev.signoff.sandbox.EmbeddedSmtp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real SMTP server (GreenMail, in this JVM) on a free port, with the app's mailer and notifications pointed at it.
 * Tests read what arrived through {@link #smtp()}.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedSmtp smtp;

    @Override
    public Map<String, String> start() {
        smtp = EmbeddedSmtp.start("127.0.0.1", 0);
        return Map.of(
                "quarkus.mailer.host", smtp.host(),
                "quarkus.mailer.port", Integer.toString(smtp.port()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.login", "DISABLED",
                "signoff.notify.enabled", "true");
    }

    public static EmbeddedSmtp smtp() {
        return smtp;
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.close();
        }
    }
}
