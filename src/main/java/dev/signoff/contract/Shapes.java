package dev.signoff.contract;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Formats of contract strings. The regular expressions are repeated verbatim in
 * {@code contract/review-request-v1.schema.json}; FieldRulesTest and ContractFixturesTest keep the two in step.
 */
final class Shapes {
    private static final String ARN_PREFIX = "^arn:aws(-[a-z]+)*:states:[a-z]+(-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:";
    private static final String NAME = "[^\\s:/]{1,80}";
    static final Pattern EXECUTION_ARN =
            Pattern.compile(ARN_PREFIX + "execution:" + NAME + "(/" + NAME + ")?:" + NAME + "$");
    static final Pattern STATE_MACHINE_ARN = Pattern.compile(ARN_PREFIX + "stateMachine:" + NAME + "(:" + NAME + ")?$");
    static final Pattern TIMESTAMP = Pattern.compile(
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$");
    static final Pattern CONTENT_TYPE = Pattern.compile(
            "^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*( *;[^\\u0000-\\u001F\\u007F]*)?$");
    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    private static final Pattern IP_ADDRESS = Pattern.compile("^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$");

    private Shapes() {}

    /** An ISO-8601 timestamp with seconds and an offset, as in {@code $$.State.EnteredTime}. */
    static Optional<Instant> timestamp(String text) {
        if (!TIMESTAMP.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Why {@code bucket} is not a usable S3 bucket name, or empty when it is. */
    static Optional<String> bucketProblem(String bucket) {
        if (!BUCKET.matcher(bucket).matches()) {
            return Optional.of("bucket name must be 3-63 lowercase letters, digits, dots and hyphens, starting and"
                    + " ending with a letter or digit");
        }
        if (bucket.contains("..")) {
            return Optional.of("bucket name must not contain two adjacent dots");
        }
        if (IP_ADDRESS.matcher(bucket).matches()) {
            return Optional.of("bucket name must not look like an IP address");
        }
        if (bucket.startsWith("xn--") || bucket.startsWith("sthree-") || bucket.startsWith("amzn-s3-demo-")) {
            return Optional.of("bucket name must not start with a reserved prefix (xn--, sthree-, amzn-s3-demo-)");
        }
        return Optional.empty();
    }

    /** Why {@code key} is not a usable object key, or empty when it is. */
    static Optional<String> keyProblem(String key) {
        if (key.isEmpty()) {
            return Optional.of("must include an object key after the bucket (s3://bucket/key)");
        }
        if (ContractJson.utf8Length(key) > Limits.MAX_S3_KEY_BYTES) {
            return Optional.of("object key is " + Fields.number(ContractJson.utf8Length(key))
                    + " bytes; S3 allows at most " + Fields.number(Limits.MAX_S3_KEY_BYTES));
        }
        if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("object key must not contain control characters");
        }
        if (key.endsWith("/")) {
            return Optional.of("must name an object, not a folder (the key ends with '/')");
        }
        return Optional.empty();
    }
}
