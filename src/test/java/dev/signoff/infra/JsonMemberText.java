package dev.signoff.infra;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The source text of one member of a JSON document, found by JSON Pointer (RFC 6901) with Jackson's streaming
 * parser, so that docs can quote a file's own lines rather than a re-serialisation.
 *
 * <p>The text runs from the start of the line holding the member's key (for an array element: where the element
 * starts) to the end of its value, with the file's indentation kept. The comma that separates it from the next
 * member is not part of the member and is left out. The member must occupy whole lines: only whitespace before
 * it on its first line, only that comma after it on its last; otherwise quoting it would cut a line in two.
 */
final class JsonMemberText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonMemberText() {}

    static String of(String json, String pointer) {
        List<String> tokens = tokens(pointer);
        try (JsonParser p = FACTORY.createParser(json)) {
            p.nextToken();
            int start = -1;
            for (int depth = 0; depth < tokens.size(); depth++) {
                String token = tokens.get(depth);
                String at = pointer(tokens.subList(0, depth));
                if (p.currentToken() == JsonToken.START_OBJECT) {
                    start = seekField(p, token);
                } else if (p.currentToken() == JsonToken.START_ARRAY) {
                    start = seekElement(p, token, at);
                } else {
                    throw new IllegalArgumentException(
                            "JSON Pointer " + pointer + " names nothing: " + at + " is neither object nor array");
                }
                if (start < 0) {
                    throw new IllegalArgumentException(
                            "JSON Pointer " + pointer + " names nothing: " + at + " has no member \"" + token + "\"");
                }
            }
            if (tokens.isEmpty()) {
                start = offset(p.currentTokenLocation().getCharOffset());
            }
            return wholeLines(json, start, valueEnd(p), pointer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Leaves the parser on the value of the field and returns where its key starts, or -1. */
    private static int seekField(JsonParser p, String name) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int keyStart = offset(p.currentTokenLocation().getCharOffset());
            boolean match = p.currentName().equals(name);
            p.nextToken();
            if (match) {
                return keyStart;
            }
            p.skipChildren();
        }
        return -1;
    }

    /** Leaves the parser on the element and returns where it starts, or -1. */
    private static int seekElement(JsonParser p, String token, String at) throws IOException {
        if (!token.matches("0|[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException(at + " is an array; \"" + token + "\" is not an index");
        }
        int index = Integer.parseInt(token);
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            if (i == index) {
                return offset(p.currentTokenLocation().getCharOffset());
            }
            p.skipChildren();
        }
        return -1;
    }

    /** With the parser on a value's first token: the offset just past the value. */
    private static int valueEnd(JsonParser p) throws IOException {
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
            return offset(p.currentTokenLocation().getCharOffset()) + 1;
        }
        p.getText(); // finishes a lazily read string, so the location is past its closing quote
        return offset(p.currentLocation().getCharOffset());
    }

    private static String wholeLines(String json, int start, int end, String pointer) {
        int lineStart = json.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = json.indexOf('\n', end);
        String after =
                json.substring(end, lineEnd < 0 ? json.length() : lineEnd).strip();
        if (!json.substring(lineStart, start).isBlank() || !(after.isEmpty() || after.equals(","))) {
            throw new IllegalArgumentException(
                    "JSON Pointer " + pointer + " names a member that shares a line with others; name its parent");
        }
        return json.substring(lineStart, end);
    }

    private static List<String> tokens(String pointer) {
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new IllegalArgumentException("not a JSON Pointer (must start with /): " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String raw :
                pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static String pointer(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        tokens.forEach(t -> sb.append('/').append(t.replace("~", "~0").replace("/", "~1")));
        return sb.isEmpty() ? "the document" : sb.toString();
    }

    private static int offset(long charOffset) {
        return Math.toIntExact(charOffset);
    }
}
