package dev.signoff.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
        // The pattern fixed where each field is, so they are read in place: DateTimeFormatter's general parser was
        // 2.5% of intake's CPU (four timestamps a request). The values are checked as strictly as it checks them
        // (LocalDateTime.of and ZoneOffset refuse a 30 February, 24:00, a 60th second, an offset beyond 18 hours);
        // ShapesTest compares the two.
        try {
            int end = text.length();
            int nanos = 0;
            int offsetAt = 19;
            if (text.charAt(19) == '.') {
                offsetAt = 20;
                while (Character.isDigit(text.charAt(offsetAt))) {
                    offsetAt++;
                }
                nanos = number(text, 20, offsetAt);
                for (int digits = offsetAt - 20; digits < 9; digits++) {
                    nanos *= 10;
                }
            }
            ZoneOffset offset = ZoneOffset.UTC;
            if (text.charAt(offsetAt) != 'Z') {
                int sign = text.charAt(offsetAt) == '-' ? -1 : 1;
                offset = ZoneOffset.ofHoursMinutes(
                        sign * number(text, offsetAt + 1, offsetAt + 3), sign * number(text, end - 2, end));
            }
            return Optional.of(LocalDateTime.of(
                            number(text, 0, 4),
                            number(text, 5, 7),
                            number(text, 8, 10),
                            number(text, 11, 13),
                            number(text, 14, 16),
                            number(text, 17, 19),
                            nanos)
                    .toInstant(offset));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The decimal digits at [from, to) of text; the pattern has made sure they are digits. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
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
