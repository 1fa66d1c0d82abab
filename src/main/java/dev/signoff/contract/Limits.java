package dev.signoff.contract;

/**
 * Limits of the review-request/v1 contract and of the Step Functions callbacks. Lengths of contract strings count
 * Unicode code points (as JSON Schema's maxLength does); docs/contract.md lists them field by field.
 */
public final class Limits {
    public static final String VERSION = "review-request/v1";

    /** Largest state input Step Functions can hand to SQS, so the largest genuine message body. */
    public static final int MAX_BODY_BYTES = 262_144;
    /** SQS's own maximum; above it a body is not even read for its token. */
    public static final int MAX_READABLE_BODY_BYTES = 1_048_576;

    public static final int MAX_TOKEN_CHARS = 2048;
    public static final int MAX_ARN_CHARS = 2048;
    public static final int MAX_STATE_NAME_CHARS = 80;
    public static final int MAX_TITLE_CHARS = 200;
    public static final int MAX_MARKDOWN_CHARS = 20_000;
    public static final int MAX_FINDINGS = 100;
    public static final int MAX_ARTIFACT_REFS = 50;
    public static final int MAX_ARTIFACTS = 50;
    public static final int MAX_LABEL_CHARS = 200;
    public static final int MAX_S3_KEY_BYTES = 1024;
    /** "s3://" + a 63-char bucket + "/" + a 1024-byte key. */
    public static final int MAX_S3_URI_CHARS = 1093;

    public static final int MAX_CONTENT_TYPE_CHARS = 255;
    /** 2^53 - 1: the largest integer every JSON reader (JavaScript included) holds exactly. */
    public static final long MAX_SIZE_BYTES = 9_007_199_254_740_991L;

    public static final int MAX_GROUPS = 50;
    public static final int MAX_USERS = 100;
    public static final int MAX_PRINCIPAL_CHARS = 256;
    /** The most approvals an N-of-M policy may require. */
    public static final int MAX_APPROVALS = 20;
    /**
     * Signoff's upkeep round runs every 15 s and heartbeats at a third of the interval: below a minute, one slow round
     * or a brief outage could let Step Functions' heartbeat deadline pass.
     */
    public static final int MIN_HEARTBEAT_SECONDS = 60;

    public static final int MAX_HEARTBEAT_SECONDS = 99_999_999;
    public static final int MAX_METADATA_ENTRIES = 50;
    public static final int MAX_METADATA_KEY_CHARS = 64;
    public static final int MAX_METADATA_VALUE_CHARS = 1024;
    /**
     * outputSchema nesting, counted in JSON levels (a scalar is 1, {@code {"type":"string"}} is 2): schema validation
     * recurses, so a schema nested hundreds of levels deep would overflow the thread's stack.
     */
    public static final int MAX_OUTPUT_SCHEMA_DEPTH = 64;
    /** outputSchema size as compact JSON, UTF-8 bytes. */
    public static final int MAX_OUTPUT_SCHEMA_BYTES = 65_536;
    /** proposedOutput and an edited output nest at most this deep (JSON levels): they are checked against the schema. */
    public static final int MAX_OUTPUT_DEPTH = 64;

    /** More problems than this are summarised in one last line, so the list fits a SendTaskFailure cause. */
    public static final int MAX_REPORTED_PROBLEMS = 50;

    /** SendTaskSuccess output, UTF-8 bytes. */
    public static final int MAX_OUTPUT_BYTES = 262_144;
    /** SendTaskFailure error, characters. */
    public static final int MAX_ERROR_CHARS = 256;
    /** SendTaskFailure cause, characters. */
    public static final int MAX_CAUSE_CHARS = 32_768;

    /**
     * What Signoff's outbox adds to every callback's output or cause when it queues it: {@code ,"deliveryId":"<uuid>"}
     * (decision/Outbox). Counted in the sizes above, so a callback that passes here still fits once marked.
     */
    public static final int DELIVERY_ID_CHARS = ",\"deliveryId\":\"\"".length() + 36;

    private Limits() {}
}
