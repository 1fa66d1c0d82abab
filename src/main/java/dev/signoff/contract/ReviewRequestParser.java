package dev.signoff.contract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Turns an SQS message body into a {@link ReviewRequest} or the complete list of what is wrong with it. Unknown
 * fields are ignored so that senders can add fields before Signoff knows them. Thread-safe.
 */
@Singleton
public class ReviewRequestParser {
    private final OutputSchemaValidator schemas;

    public ReviewRequestParser() {
        this(new OutputSchemaValidator());
    }

    @Inject
    public ReviewRequestParser(OutputSchemaValidator schemas) {
        this.schemas = schemas;
    }

    public Parsed parse(String body) {
        Problems problems = new Problems();
        long bytes = ContractJson.utf8Length(body);
        if (bytes > Limits.MAX_BODY_BYTES) {
            problems.add(
                    "body",
                    "is " + Fields.number(bytes) + " bytes; a review request is at most "
                            + Fields.number(Limits.MAX_BODY_BYTES) + " bytes (the Step Functions state input limit)");
            if (bytes > Limits.MAX_READABLE_BODY_BYTES) {
                return new Parsed.Invalid(Optional.empty(), problems.list());
            }
        }
        JsonNode root;
        try {
            root = ContractJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            problems.add("body", "is not valid JSON" + where(e.getLocation()));
            return new Parsed.Invalid(Optional.empty(), problems.list());
        }
        if (root == null || !root.isObject()) {
            problems.add("body", "must be a JSON object, not " + (root == null ? "empty" : kind(root)));
            return new Parsed.Invalid(Optional.empty(), problems.list());
        }
        Optional<String> token = readableToken(root);
        JsonNode version = root.get("signoff");
        if (version != null && version.isTextual() && !version.textValue().equals(Limits.VERSION)) {
            problems.add(
                    "signoff",
                    "unsupported contract version " + ContractJson.quote(shorten(version.textValue()))
                            + "; this Signoff accepts " + Limits.VERSION);
            return new Parsed.Invalid(token, problems.list());
        }
        if (version == null || !version.isTextual()) {
            problems.add("signoff", "is required and must be \"" + Limits.VERSION + "\"");
        }
        Optional<ReviewRequest> request = new RequestReader(problems, schemas).read((ObjectNode) root);
        if (request.isPresent() && problems.isEmpty()) {
            return new Parsed.Valid(request.get(), (ObjectNode) root);
        }
        return new Parsed.Invalid(token, problems.list());
    }

    private static Optional<String> readableToken(JsonNode root) {
        JsonNode token = root.get("taskToken");
        if (token == null || !token.isTextual() || token.textValue().isBlank()) {
            return Optional.empty();
        }
        String text = token.textValue();
        boolean fits = text.codePointCount(0, text.length()) <= Limits.MAX_TOKEN_CHARS;
        return fits ? Optional.of(text) : Optional.empty();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (error at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "null";
        };
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
