package dev.signoff.web;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Text artifacts as HTML. Every character of the artifact is escaped, with invisible and bidi controls made visible. */
final class RenderedText {

    private RenderedText() {}

    /**
     * The bytes as text in the charset the type names (UTF-8 otherwise). Undecodable bytes, e.g. a character cut at
     * the preview size, become U+FFFD instead of failing the preview; CRLF becomes LF so it is not shown as a control.
     */
    static String decode(byte[] bytes, String contentType) {
        CharsetDecoder decoder = charsetOf(contentType)
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString().replace("\r\n", "\n");
        } catch (java.nio.charset.CharacterCodingException impossibleWhenReplacing) {
            throw new IllegalStateException(impossibleWhenReplacing);
        }
    }

    static String pre(String text) {
        return "<pre class=\"artifact-text\" tabindex=\"0\">" + Untrusted.shown(text) + "</pre>";
    }

    static String table(CsvTable table) {
        int width = table.width();
        StringBuilder html = new StringBuilder(
                "<div class=\"csv-scroll\" role=\"region\" aria-label=\"CSV preview\" tabindex=\"0\"><table class=\"csv\">");
        if (!table.header().isEmpty()) {
            html.append("<thead>");
            row(html, "th", table.header(), width);
            html.append("</thead>");
        }
        html.append("<tbody>");
        for (List<String> row : table.rows()) {
            row(html, "td", row, width);
        }
        return html.append("</tbody></table></div>").toString();
    }

    private static void row(StringBuilder html, String cell, List<String> values, int width) {
        html.append("<tr>");
        for (int i = 0; i < width; i++) {
            html.append('<').append(cell).append('>');
            if (i < values.size()) {
                html.append(Untrusted.shown(values.get(i)));
            }
            html.append("</").append(cell).append('>');
        }
        html.append("</tr>");
    }

    private static Charset charsetOf(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String[] pair = parameter.strip().split("=", 2);
                if (pair.length == 2 && pair[0].strip().toLowerCase(Locale.ROOT).equals("charset")) {
                    try {
                        return Charset.forName(pair[1].strip().replace("\"", ""));
                    } catch (IllegalArgumentException unknown) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
