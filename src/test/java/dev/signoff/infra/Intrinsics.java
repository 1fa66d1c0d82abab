package dev.signoff.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The intrinsic functions the examples use: States.Format, States.Array, States.JsonToString,
 * States.StringToJson, States.ArrayLength, States.MathAdd. Arguments may be quoted strings (with the ASL escapes
 * \' \{ \} \\), numbers, true/false/null, paths and nested calls.
 */
final class Intrinsics {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private int at;

    private Intrinsics(String text) {
        this.text = text;
    }

    static JsonNode call(String expression, JsonNode input, JsonNode context) {
        Intrinsics parser = new Intrinsics(expression);
        Arg call = parser.argument();
        parser.skipSpaces();
        if (parser.at != expression.length()) {
            throw new IllegalArgumentException("unexpected text after the call in " + expression);
        }
        return call.value(input, context);
    }

    private sealed interface Arg permits Literal, Quoted, Path, Call {
        JsonNode value(JsonNode input, JsonNode context);
    }

    private record Literal(JsonNode node) implements Arg {
        public JsonNode value(JsonNode input, JsonNode context) {
            return node;
        }
    }

    /** Keeps the escaped form: States.Format must tell an escaped \{ from a placeholder {}. */
    private record Quoted(String raw) implements Arg {
        public JsonNode value(JsonNode input, JsonNode context) {
            return NODES.textNode(unescape(raw));
        }
    }

    private record Path(String path) implements Arg {
        public JsonNode value(JsonNode input, JsonNode context) {
            return JsonPathParameters.expression(path, input, context);
        }
    }

    private record Call(String name, List<Arg> args, String source) implements Arg {
        public JsonNode value(JsonNode input, JsonNode context) {
            List<JsonNode> values = new ArrayList<>();
            args.forEach(a -> values.add(a.value(input, context)));
            return switch (name) {
                case "States.Format" -> format(this, values);
                case "States.Array" -> {
                    ArrayNode array = NODES.arrayNode();
                    values.forEach(array::add);
                    yield array;
                }
                case "States.JsonToString" -> NODES.textNode(JsonPathParameters.toJson(single(values)));
                case "States.StringToJson" -> {
                    JsonNode value = single(values);
                    if (!value.isTextual()) {
                        throw new IllegalArgumentException(source + ": argument is not a string but " + value);
                    }
                    yield JsonPathParameters.parseJson(value.textValue());
                }
                case "States.ArrayLength" -> {
                    JsonNode value = single(values);
                    if (!value.isArray()) {
                        throw new IllegalArgumentException(source + ": argument is not an array but " + value);
                    }
                    yield NODES.numberNode(value.size());
                }
                case "States.MathAdd" -> {
                    if (values.size() != 2
                            || !values.get(0).isIntegralNumber()
                            || !values.get(1).isIntegralNumber()) {
                        throw new IllegalArgumentException(source + ": needs two integers, got " + values);
                    }
                    yield NODES.numberNode(
                            values.get(0).longValue() + values.get(1).longValue());
                }
                default -> throw new UnsupportedOperationException("intrinsic function not supported here: " + name);
            };
        }

        private JsonNode single(List<JsonNode> values) {
            if (values.size() != 1) {
                throw new IllegalArgumentException(source + ": takes one argument, got " + values.size());
            }
            return values.get(0);
        }
    }

    private static JsonNode format(Call call, List<JsonNode> values) {
        if (call.args().isEmpty() || !(call.args().get(0) instanceof Quoted template)) {
            throw new IllegalArgumentException(call.source() + ": the first argument must be a quoted template");
        }
        StringBuilder out = new StringBuilder();
        String raw = template.raw();
        int next = 1;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                out.append(raw.charAt(++i));
            } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
                if (next >= values.size()) {
                    throw new IllegalArgumentException(call.source() + ": more {} than arguments");
                }
                out.append(formatted(values.get(next++), call.source()));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != values.size()) {
            throw new IllegalArgumentException(call.source() + ": more arguments than {}");
        }
        return NODES.textNode(out.toString());
    }

    private static String formatted(JsonNode value, String source) {
        if (value.isContainerNode()) {
            throw new IllegalArgumentException(source
                    + ": States.Format takes no objects or arrays, wrap them in States.JsonToString (" + value + ")");
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /** A number node of the type a JSON reader would make, so results compare equal to parsed JSON. */
    private static JsonNode number(String text) {
        return JsonPathParameters.parseJson(text);
    }

    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            out.append(c == '\\' && i + 1 < raw.length() ? raw.charAt(++i) : c);
        }
        return out.toString();
    }

    private Arg argument() {
        skipSpaces();
        if (at >= text.length()) {
            throw new IllegalArgumentException("missing argument in " + text);
        }
        char c = text.charAt(at);
        if (c == '\'') {
            return quoted();
        }
        if (text.startsWith("States.", at)) {
            return call();
        }
        int start = at;
        while (at < text.length() && text.charAt(at) != ',' && text.charAt(at) != ')') {
            at++;
        }
        String token = text.substring(start, at).trim();
        if (token.startsWith("$")) {
            return new Path(token);
        }
        return switch (token) {
            case "true" -> new Literal(NODES.booleanNode(true));
            case "false" -> new Literal(NODES.booleanNode(false));
            case "null" -> new Literal(NODES.nullNode());
            default -> {
                try {
                    new java.math.BigDecimal(token);
                    yield new Literal(number(token));
                } catch (NumberFormatException e) {
                    throw new UnsupportedOperationException(
                            "unsupported intrinsic argument '" + token + "' in " + text);
                }
            }
        };
    }

    private Quoted quoted() {
        StringBuilder raw = new StringBuilder();
        at++;
        while (at < text.length() && text.charAt(at) != '\'') {
            if (text.charAt(at) == '\\' && at + 1 < text.length()) {
                raw.append(text.charAt(at++));
            }
            raw.append(text.charAt(at++));
        }
        if (at >= text.length()) {
            throw new IllegalArgumentException("unterminated string in " + text);
        }
        at++;
        return new Quoted(raw.toString());
    }

    private Call call() {
        int start = at;
        int open = text.indexOf('(', at);
        if (open < 0) {
            throw new IllegalArgumentException("missing ( in " + text);
        }
        String name = text.substring(at, open).trim();
        at = open + 1;
        List<Arg> args = new ArrayList<>();
        skipSpaces();
        if (at < text.length() && text.charAt(at) == ')') {
            at++;
            return new Call(name, args, text.substring(start, at));
        }
        while (true) {
            args.add(argument());
            skipSpaces();
            if (at >= text.length()) {
                throw new IllegalArgumentException("missing ) in " + text);
            }
            char c = text.charAt(at++);
            if (c == ')') {
                return new Call(name, args, text.substring(start, at));
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or ) at " + (at - 1) + " in " + text);
            }
        }
    }

    private void skipSpaces() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }
}
