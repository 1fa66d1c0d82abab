package dev.signoff.notify;

import java.util.Objects;

/** A composed mail: subject, plain-text and HTML bodies. It never carries a task token or a decision link. */
public record Email(String subject, String text, String html) {

    public Email {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }
}
