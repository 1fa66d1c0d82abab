package dev.signoff.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Typed reads of one JSON object's fields; every failed read adds a problem naming the field's path. */
final class Fields {
    /** LINE: non-blank, no control characters. TEXT: markdown, tab and line breaks allowed. OPAQUE: non-blank. */
    enum Kind {
        LINE,
        TEXT,
        OPAQUE
    }

    private final ObjectNode node;
    private final String path;
    private final Problems problems;

    Fields(ObjectNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    String at(String name) {
        return Problems.field(path, name);
    }

    /** The field's value, or null when it is absent or JSON null (null means absent everywhere in the contract). */
    JsonNode value(String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(at(name), "is required");
            }
            return null;
        }
        return value;
    }

    Optional<String> text(String name, boolean required, int maxChars, Kind kind) {
        JsonNode value = value(name, required);
        return value == null ? Optional.empty() : text(value, at(name), maxChars, kind, problems);
    }

    static Optional<String> text(JsonNode value, String path, int maxChars, Kind kind, Problems problems) {
        if (!value.isTextual()) {
            problems.add(path, "must be a string");
            return Optional.empty();
        }
        String text = value.textValue();
        int before = problems.count();
        if (kind != Kind.TEXT && text.isBlank()) {
            problems.add(path, "must not be blank");
        }
        int chars = text.codePointCount(0, text.length());
        if (chars > maxChars) {
            problems.add(path, "must be at most " + number(maxChars) + " characters (found " + number(chars) + ")");
        }
        if (hasUnpairedSurrogate(text)) {
            problems.add(path, "must be valid Unicode text (found an unpaired surrogate)");
        }
        if (kind == Kind.LINE && text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problems.add(path, "must be a single line without control characters");
        }
        if (kind == Kind.TEXT
                && text.chars().anyMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)) {
            problems.add(path, "must not contain control characters other than tab and line breaks");
        }
        return problems.count() == before ? Optional.of(text) : Optional.empty();
    }

    Optional<Instant> timestamp(String name) {
        Optional<String> text = text(name, false, 64, Kind.LINE);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> instant = Shapes.timestamp(text.get());
        if (instant.isEmpty()) {
            problems.add(at(name), "must be an ISO-8601 timestamp with seconds and offset, e.g. 2026-11-03T10:15:30Z");
        }
        return instant;
    }

    Optional<Long> integer(String name, long min, long max) {
        JsonNode value = value(name, false);
        if (value == null) {
            return Optional.empty();
        }
        Optional<Long> whole = wholeNumber(value).filter(n -> n >= min && n <= max);
        if (whole.isEmpty()) {
            problems.add(at(name), "must be a whole number from " + number(min) + " to " + number(max));
        }
        return whole;
    }

    /** As in JSON Schema, 30.0 is a whole number and 30.5 is not. */
    private static Optional<Long> wholeNumber(JsonNode value) {
        if (!value.isNumber()) {
            return Optional.empty();
        }
        try {
            return Optional.of(value.decimalValue().longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    Optional<ObjectNode> object(String name, boolean required) {
        JsonNode value = value(name, required);
        if (value != null && !value.isObject()) {
            problems.add(at(name), "must be a JSON object");
            return Optional.empty();
        }
        return Optional.ofNullable((ObjectNode) value);
    }

    /** The array; when it is longer than {@code maxItems} that is a problem and callers read only the first ones. */
    Optional<ArrayNode> array(String name, boolean required, int maxItems) {
        JsonNode value = value(name, required);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            problems.add(at(name), "must be an array");
            return Optional.empty();
        }
        if (value.size() > maxItems) {
            problems.add(
                    at(name),
                    "must have at most " + number(maxItems) + " entries (found " + number(value.size()) + ")");
        }
        return Optional.of((ArrayNode) value);
    }

    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
