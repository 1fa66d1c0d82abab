package dev.signoff.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Signoff's one way to SMTP (quarkus-mailer; Amazon SES SMTP in production). It speaks in outcomes the outbox acts
 * on: sent, refused for good (a 5xx reply: retrying cannot help), or worth another try (a 4xx reply, a connection
 * that failed or timed out).
 */
@ApplicationScoped
class MailGateway {

    sealed interface Result {}

    record Sent() implements Result {}

    record Refused(String reason) implements Result {}

    record Retryable(String reason) implements Result {}

    private final Mailer mailer;
    private final NotifyConfig config;

    MailGateway(Mailer mailer, NotifyConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    /**
     * Sends one mail. The Message-ID is derived from the notice's id, so should a crash between the server's
     * acceptance and our record of it send the notice again, the copy carries the same Message-ID (and mail clients
     * and SES see it as one message).
     */
    Result send(UUID noticeId, String to, Email email) {
        Mail mail = Mail.withText(to, email.subject(), email.text())
                .setHtml(email.html())
                .setFrom(config.from())
                .addHeader("Message-ID", "<" + noticeId + "@signoff>")
                .addHeader("Auto-Submitted", "auto-generated");
        try {
            mailer.send(mail);
            return new Sent();
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    static Result classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                String reason = "SMTP " + smtp.getReplyCode() + ": " + oneLine(smtp.getMessage());
                return smtp.isPermanent() ? new Refused(reason) : new Retryable(reason);
            }
        }
        return new Retryable(failure.getClass().getSimpleName() + ": " + oneLine(failure.getMessage()));
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").strip();
    }
}
