package dev.signoff.sandbox;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GreenMail's SMTP server in this JVM, without authentication: it accepts every message for every address and keeps
 * it in memory. The sandbox's mail goes here (and its mailbox page reads it back); the tests use it as their real SMTP
 * server. Never started in production.
 */
public final class EmbeddedSmtp implements AutoCloseable {

    private final GreenMail greenMail;

    private EmbeddedSmtp(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** @param port 0 picks a free port */
    public static EmbeddedSmtp start(String host, int port) {
        ServerSetup setup = new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(10_000);
        GreenMail greenMail = new GreenMail(setup)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new EmbeddedSmtp(greenMail);
    }

    public String host() {
        return greenMail.getSmtp().getBindTo();
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Every message received so far, oldest first. */
    public List<MimeMessage> received() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    /** The messages received for one address (To or Cc), oldest first. */
    public List<MimeMessage> receivedBy(String address) {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage message : received()) {
            if (addressedTo(message, address)) {
                mine.add(message);
            }
        }
        return mine;
    }

    /** Forgets every message received so far. */
    public void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("could not empty the embedded mailboxes", e);
        }
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null
                    && Arrays.stream(recipients)
                            .anyMatch(a -> a.toString().toLowerCase().contains(address.toLowerCase()));
        } catch (MessagingException e) {
            return false;
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
