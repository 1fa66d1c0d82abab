package dev.signoff.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of a {@code .$} key: a reference path ({@code $}, {@code $.a.b[0]}, {@code $$.Task.Token}) or
 * {@code States.Format('text {}', path, ...)}. Errors name the expression, never a value it selected, so the
 * task token cannot end up in an exception message.
 */
sealed interface Expression permits Expression.Path, Expression.Format {

    JsonNode evaluate(JsonNode input, JsonNode context);

    /** @throws IllegalArgumentException for anything this sandbox does not support */
    static Expression parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("An expression must be a string");
        }
        if (text.startsWith("States.Format(")) {
            return Format.parse(text);
        }
        if (text.startsWith("$")) {
            return Path.parse(text);
        }
        throw new IllegalArgumentException("Unsupported expression (use $..., $$... or States.Format): " + text);
    }

    /** A reference path: dotted field names and array indexes only. */
    record Path(String text, boolean inContext, List<Object> steps) implements Expression {

        private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[(\\d+)]");

        static Path parse(String text) {
            if (!text.startsWith("$")) {
                throw new IllegalArgumentException("Unsupported path (only $... and $$...): " + text);
            }
            boolean inContext = text.startsWith("$$");
            String rest = text.substring(inContext ? 2 : 1);
            List<Object> steps = new ArrayList<>();
            Matcher step = STEP.matcher(rest);
            int at = 0;
            while (at < rest.length()) {
                if (!step.find(at) || step.start() != at) {
                    throw new IllegalArgumentException("Unsupported path: " + text);
                }
                steps.add(step.group(1) != null ? step.group(1) : Integer.valueOf(step.group(2)));
                at = step.end();
            }
            return new Path(text, inContext, List.copyOf(steps));
        }

        @Override
        public JsonNode evaluate(JsonNode input, JsonNode context) {
            JsonNode node = inContext ? context : input;
            for (Object step : steps) {
                node = step instanceof String name ? node.get(name) : node.get((Integer) step);
                if (node == null) {
                    throw new IllegalStateException("States.Runtime: the JSONPath '" + text
                            + "' could not be found in the " + (inContext ? "context object" : "state input"));
                }
            }
            return node.deepCopy();
        }
    }

    /** {@code States.Format}: {@code {}} placeholders filled from path arguments; backslash escapes quote/braces. */
    record Format(String text, List<String> pieces, List<Path> arguments) implements Expression {

        static Format parse(String text) {
            int at = "States.Format(".length();
            if (at >= text.length() || text.charAt(at) != '\'') {
                throw new IllegalArgumentException("States.Format must start with a quoted string: " + text);
            }
            List<String> pieces = new ArrayList<>();
            StringBuilder piece = new StringBuilder();
            at++;
            while (true) {
                if (at >= text.length()) {
                    throw new IllegalArgumentException("Unterminated string in " + text);
                }
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    piece.append(text.charAt(at++));
                } else if (c == '{' && at < text.length() && text.charAt(at) == '}') {
                    pieces.add(piece.toString());
                    piece.setLength(0);
                    at++;
                } else if (c == '\'') {
                    break;
                } else {
                    piece.append(c);
                }
            }
            pieces.add(piece.toString());
            List<Path> arguments = new ArrayList<>();
            String rest = text.substring(at).strip();
            if (!rest.endsWith(")")) {
                throw new IllegalArgumentException("States.Format must end with ')': " + text);
            }
            String list = rest.substring(0, rest.length() - 1).strip();
            if (!list.isEmpty()) {
                if (!list.startsWith(",")) {
                    throw new IllegalArgumentException("Expected ',' after the string in " + text);
                }
                for (String argument : list.substring(1).split(",", -1)) {
                    if (argument.isBlank()) {
                        throw new IllegalArgumentException("Empty argument in " + text);
                    }
                    arguments.add(Path.parse(argument.strip()));
                }
            }
            if (arguments.size() != pieces.size() - 1) {
                throw new IllegalArgumentException("States.Format has " + (pieces.size() - 1) + " placeholders but "
                        + arguments.size() + " arguments: " + text);
            }
            return new Format(text, List.copyOf(pieces), List.copyOf(arguments));
        }

        @Override
        public JsonNode evaluate(JsonNode input, JsonNode context) {
            StringBuilder out = new StringBuilder(pieces.get(0));
            for (int i = 0; i < arguments.size(); i++) {
                JsonNode value = arguments.get(i).evaluate(input, context);
                if (value.isContainerNode()) {
                    throw new IllegalStateException(
                            "States.Runtime: States.Format cannot format the object or array at "
                                    + arguments.get(i).text());
                }
                out.append(value.asText()).append(pieces.get(i + 1));
            }
            return TextNode.valueOf(out.toString());
        }
    }
}
