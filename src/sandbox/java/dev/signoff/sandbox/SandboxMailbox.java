package dev.signoff.sandbox;

import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sandbox's mailbox: what each sandbox user received through the embedded SMTP server, and one mail's text and
 * HTML. The HTML is shown in an iframe with an empty sandbox attribute (no scripts, no forms, an opaque origin) under
 * the app's CSP, and as escaped source. Sandbox only, and for admins only: it shows everyone's mail.
 */
@Path("/sandbox/mailbox")
@Produces(MediaType.TEXT_HTML)
public class SandboxMailbox {

    /** One received mail as the list shows it; {@code index} is its place in the mailbox, oldest first. */
    public record Received(int index, String to, String subject, Instant at) {}

    /** One opened mail. */
    public record Opened(Received mail, String text, String html) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mailbox(Reviewer reviewer, Map<String, List<Received>> byRecipient, int total);

        static native TemplateInstance mail(Reviewer reviewer, Opened opened);
    }

    private final SandboxServices services;
    private final CurrentReviewer current;

    SandboxMailbox(SandboxServices services, CurrentReviewer current) {
        this.services = services;
        this.current = current;
    }

    @GET
    public TemplateInstance mailbox() {
        Reviewer admin = admin();
        List<MimeMessage> all = messages();
        Map<String, List<Received>> byRecipient = new TreeMap<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            Received mail = received(i, all.get(i));
            byRecipient.computeIfAbsent(mail.to(), to -> new ArrayList<>()).add(mail);
        }
        return Templates.mailbox(admin, new LinkedHashMap<>(byRecipient), all.size());
    }

    @GET
    @Path("{index}")
    public TemplateInstance mail(@PathParam("index") int index) {
        Reviewer admin = admin();
        List<MimeMessage> all = messages();
        if (index < 0 || index >= all.size()) {
            throw new NotFoundException("No such mail in the sandbox mailbox");
        }
        MimeMessage message = all.get(index);
        return Templates.mail(
                admin, new Opened(received(index, message), part(message, "text/plain"), part(message, "text/html")));
    }

    private List<MimeMessage> messages() {
        return services.mailbox().orElseThrow(NotFoundException::new).received();
    }

    private static Received received(int index, MimeMessage message) {
        try {
            Address[] to = message.getRecipients(MimeMessage.RecipientType.TO);
            String recipients = to == null
                    ? "(nobody)"
                    : String.join(", ", Arrays.stream(to).map(Address::toString).toList());
            Instant at =
                    message.getSentDate() == null ? null : message.getSentDate().toInstant();
            return new Received(index, recipients, message.getSubject(), at);
        } catch (MessagingException e) {
            return new Received(index, "(unreadable)", "(unreadable)", null);
        }
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    String found = part(child, type);
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            }
            return "";
        } catch (IOException | MessagingException e) {
            return "";
        }
    }

    /** The signed-in admin; anyone else gets 403 before anything is read. */
    private Reviewer admin() {
        Reviewer reviewer = current.get();
        if (!reviewer.isAdmin()) {
            throw new ForbiddenException("The sandbox mailbox is for admins (the sandbox user admin).");
        }
        return reviewer;
    }
}
