package dev.signoff.web;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/**
 * How a page shows a string an agent or a workflow wrote (titles, names, metadata): {@code {value.shown}}. It is
 * escaped, isolated in a {@code <bdi>} so that right-to-left text cannot reorder what follows it, and every
 * invisible or direction-changing character is replaced by a visible marker naming it. Without that, a title
 * holding U+202E shows {@code gnp.exe} as {@code exe.png}, and a zero-width space makes two different names look equal.
 */
@TemplateExtension
public final class Untrusted {

    private Untrusted() {}

    public static RawString shown(String value) {
        if (value == null) {
            return new RawString("");
        }
        StringBuilder html = new StringBuilder(value.length() + 16).append("<bdi>");
        value.codePoints().forEach(c -> append(html, c));
        return new RawString(html.append("</bdi>").toString());
    }

    /** Whether a code point changes direction or shows nothing: what {@link #shown} makes visible. */
    static boolean hidden(int c) {
        return (c >= 0x202A && c <= 0x202E) // embeddings and overrides
                || (c >= 0x2066 && c <= 0x2069) // isolates
                || c == 0x200E
                || c == 0x200F
                || c == 0x061C // direction marks
                || (c >= 0x200B && c <= 0x200D)
                || c == 0x2060
                || c == 0xFEFF
                || c == 0x00AD // zero-width
                || (c >= 0xE0000 && c <= 0xE007F) // tag characters
                || (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t');
    }

    private static void append(StringBuilder html, int c) {
        switch (c) {
            case '<' -> html.append("&lt;");
            case '>' -> html.append("&gt;");
            case '&' -> html.append("&amp;");
            case '"' -> html.append("&quot;");
            case '\'' -> html.append("&#39;");
            default -> {
                if (hidden(c)) {
                    String code = String.format("U+%04X", c);
                    html.append("<span class=\"hidden-char\" title=\"")
                            .append(code)
                            .append(" (invisible or direction control)\">[")
                            .append(code)
                            .append("]</span>");
                } else {
                    html.appendCodePoint(c);
                }
            }
        }
    }
}
