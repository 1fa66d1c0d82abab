package dev.signoff.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the mails GreenMail received: their bodies, their links, and whether any of them leaks a secret. */
public final class Mails {

    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");

    private Mails() {}

    /** Runs sender rounds until one finds nothing due. */
    public static void sendAllDue(IntSupplier round) {
        for (int i = 0; i < 1000 && round.getAsInt() > 0; i++) {
            // the next round
        }
    }

    public static String text(MimeMessage mail) {
        return part(mail, "text/plain");
    }

    public static String html(MimeMessage mail) {
        return part(mail, "text/html");
    }

    /** Every http(s) URL in either body. */
    public static Set<String> links(MimeMessage mail) {
        Set<String> links = new LinkedHashSet<>();
        for (String body : List.of(text(mail), html(mail))) {
            Matcher m = URL.matcher(body);
            while (m.find()) {
                links.add(m.group());
            }
        }
        return links;
    }

    /** The message as it went over the wire: headers and every encoded part. */
    public static String raw(MimeMessage mail) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mail.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that no mail holds {@code secret}: in its raw form, its decoded bodies, or URL-encoded. */
    public static void assertNoMailContains(List<MimeMessage> mails, String secret) {
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        for (MimeMessage mail : mails) {
            for (String form : List.of(raw(mail), text(mail), html(mail))) {
                assertThat(form).doesNotContain(secret).doesNotContain(encoded);
            }
        }
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart multipart) {
                List<String> found = new ArrayList<>();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    String content = part(child, type);
                    if (!content.isEmpty()) {
                        found.add(content);
                    }
                }
                return String.join("\n", found);
            }
            return "";
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
