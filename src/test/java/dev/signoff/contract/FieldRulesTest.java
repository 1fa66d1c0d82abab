package dev.signoff.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One rule per row: a change to the minimal request, and the single problem the parser must report (or none). The
 * shipped JSON Schema must agree on valid versus invalid for every row, so the two stay in step.
 */
class FieldRulesTest {
    private static final String EXEC = "arn:aws:states:us-east-1:123456789012:";
    private static final String SEVERITY = "must be one of info, low, medium, high, critical";

    static Stream<Arguments> rules() {
        return Stream.of(
                ok(
                        "China partition ARN",
                        set("executionArn", "\"arn:aws-cn:states:cn-north-1:123456789012:execution:sm:e\"")),
                ok("Map Run child ARN", set("executionArn", "\"" + EXEC + "execution:sm/map-1:0f4c1d7e\"")),
                bad(
                        "Express ARN",
                        set("executionArn", "\"" + EXEC + "express:sm:e:0f4c\""),
                        "executionArn: must be a Step Functions execution ARN (arn:aws:states:<region>:<account>:execution:<state machine>:<name>)"),
                bad(
                        "ARN without execution name",
                        set("executionArn", "\"" + EXEC + "execution:sm\""),
                        "executionArn: must be a Step Functions execution ARN (arn:aws:states:<region>:<account>:execution:<state machine>:<name>)"),
                bad(
                        "state machine ARN as execution",
                        set("executionArn", "\"" + EXEC + "stateMachine:sm\""),
                        "executionArn: must be a Step Functions execution ARN (arn:aws:states:<region>:<account>:execution:<state machine>:<name>)"),
                bad(
                        "region without number",
                        set("executionArn", "\"arn:aws:states:useast:123456789012:execution:sm:e\""),
                        "executionArn: must be a Step Functions execution ARN (arn:aws:states:<region>:<account>:execution:<state machine>:<name>)"),
                ok("state machine alias ARN", set("stateMachineArn", "\"" + EXEC + "stateMachine:sm:prod\"")),
                ok("state machine version ARN", set("stateMachineArn", "\"" + EXEC + "stateMachine:sm:3\"")),
                bad(
                        "execution ARN as state machine",
                        set("stateMachineArn", "\"" + EXEC + "execution:sm:e\""),
                        "stateMachineArn: must be a Step Functions state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>)"),
                ok("token of 2048 chars", set("taskToken", quoted("t", 2048))),
                bad(
                        "token of 2049 chars",
                        set("taskToken", quoted("t", 2049)),
                        "taskToken: must be at most 2,048 characters (found 2,049)"),
                ok("title of 200 chars", set("title", quoted("t", 200))),
                ok("title of 200 emoji (400 UTF-16 units)", set("title", quoted("\uD83D\uDE00", 200))),
                bad(
                        "title of 201 chars",
                        set("title", quoted("t", 201)),
                        "title: must be at most 200 characters (found 201)"),
                bad("empty title", set("title", "\"\""), "title: must not be blank"),
                ok("stateName of 80 chars", set("stateName", quoted("s", 80))),
                bad(
                        "stateName of 81 chars",
                        set("stateName", quoted("s", 81)),
                        "stateName: must be at most 80 characters (found 81)"),
                ok("summary of 20000 chars with line breaks", set("summary", quoted("a\\n", 10_000))),
                bad(
                        "summary of 20001 chars",
                        set("summary", quoted("a", 20_001)),
                        "summary: must be at most 20,000 characters (found 20,001)"),
                ok("requestedBy of 256 chars", set("requestedBy", quoted("r", 256))),
                bad(
                        "requestedBy of 257 chars",
                        set("requestedBy", quoted("r", 257)),
                        "requestedBy: must be at most 256 characters (found 257)"),
                ok(
                        "timestamp with nanoseconds and offset",
                        set("enteredAt", "\"2026-11-03T10:15:30.123456789+05:30\"")),
                bad(
                        "date only",
                        set("dueAt", "\"2026-11-03\""),
                        "dueAt: must be an ISO-8601 timestamp with seconds and offset, e.g. 2026-11-03T10:15:30Z"),
                bad(
                        "timestamp without offset",
                        set("dueAt", "\"2026-11-03T10:15:30\""),
                        "dueAt: must be an ISO-8601 timestamp with seconds and offset, e.g. 2026-11-03T10:15:30Z"),
                bad("epoch number", set("timeoutAt", "1762164930"), "timeoutAt: must be a string"),
                ok("heartbeat 60, the minimum", set("heartbeatSeconds", "60")),
                bad(
                        "heartbeat 59, below what a 15 s upkeep round keeps alive",
                        set("heartbeatSeconds", "59"),
                        "heartbeatSeconds: must be a whole number from 60 to 99,999,999"),
                ok("heartbeat 99999999", set("heartbeatSeconds", "99999999")),
                ok("heartbeat 90.0 is a whole number", set("heartbeatSeconds", "90.0")),
                bad(
                        "heartbeat 30.5",
                        set("heartbeatSeconds", "30.5"),
                        "heartbeatSeconds: must be a whole number from 60 to 99,999,999"),
                bad(
                        "heartbeat 100000000",
                        set("heartbeatSeconds", "100000000"),
                        "heartbeatSeconds: must be a whole number from 60 to 99,999,999"),
                ok(
                        "escalate on expiry",
                        set("expiresAt", "\"2026-11-03T10:15:30Z\"").andThen(set("onExpiry", "\"escalate\""))),
                bad(
                        "an unknown expiry policy",
                        set("expiresAt", "\"2026-11-03T10:15:30Z\"").andThen(set("onExpiry", "\"approve\"")),
                        "onExpiry: must be one of fail, escalate, notify"),
                bad(
                        "an expiry policy without expiresAt",
                        set("onExpiry", "\"notify\""),
                        "onExpiry: applies only with expiresAt"),
                ok("redrive count 0, never redriven", set("redriveCount", "0")),
                ok("redrive count 3", set("redriveCount", "3")),
                bad(
                        "negative redrive count",
                        set("redriveCount", "-1"),
                        "redriveCount: must be a whole number from 0 to 2,147,483,647"),
                bad(
                        "redrive count as text",
                        set("redriveCount", "\"1\""),
                        "redriveCount: must be a whole number from 0 to 2,147,483,647"),
                ok("three decisions with a repeat", set("decisions", "[\"approve\",\"approve\",\"reject\"]")),
                bad(
                        "four decisions",
                        set("decisions", "[\"approve\",\"reject\",\"request_changes\",\"approve\"]"),
                        "decisions: must have at most 3 entries (found 4)"),
                ok("artifact with dots and hyphens", artifact("s3://my.bucket-1/a/b/c.txt")),
                ok("directory bucket", artifact("s3://reports--usw2-az1--x-s3/k")),
                ok("key with spaces and unicode", artifact("s3://bucket/Q3 report – final (1).pdf")),
                bad(
                        "two-char bucket",
                        artifact("s3://ab/k"),
                        "artifacts[0].uri: bucket name must be 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit"),
                bad(
                        "64-char bucket",
                        artifact("s3://" + "b".repeat(64) + "/k"),
                        "artifacts[0].uri: bucket name must be 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit"),
                ok("63-char bucket", artifact("s3://" + "b".repeat(63) + "/k")),
                bad(
                        "bucket starting with hyphen",
                        artifact("s3://-bucket/k"),
                        "artifacts[0].uri: bucket name must be 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit"),
                bad(
                        "bucket with underscore",
                        artifact("s3://b_ucket/k"),
                        "artifacts[0].uri: bucket name must be 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit"),
                bad("upper-case scheme", artifact("S3://bucket/k"), "artifacts[0].uri: must be an s3://bucket/key URI"),
                bad(
                        "empty key",
                        artifact("s3://bucket/"),
                        "artifacts[0].uri: must include an object key after the bucket (s3://bucket/key)"),
                bad(
                        "sthree- prefix",
                        artifact("s3://sthree-bucket/k"),
                        "artifacts[0].uri: bucket name must not start with a reserved prefix (xn--, sthree-, amzn-s3-demo-)"),
                bad(
                        "key with a tab",
                        artifact("s3://bucket/a\\tb"),
                        "artifacts[0].uri: must be a single line without control characters"),
                ok("key of 1024 bytes", artifact("s3://bucket/" + "k".repeat(1024))),
                bad(
                        "uri longer than 1093 chars",
                        artifact("s3://bucket/" + "k".repeat(1082)),
                        "artifacts[0].uri: must be at most 1,093 characters (found 1,094)"),
                ok("content type with parameter", artifactField("contentType", "\"text/plain;charset=utf-8\"")),
                ok("vendor content type", artifactField("contentType", "\"application/vnd.ms-excel\"")),
                bad(
                        "content type without subtype",
                        artifactField("contentType", "\"text\""),
                        "artifacts[0].contentType: must be a media type such as application/pdf"),
                bad(
                        "content type with leading space",
                        artifactField("contentType", "\" text/plain\""),
                        "artifacts[0].contentType: must be a media type such as application/pdf"),
                ok("size 0", artifactField("sizeBytes", "0")),
                ok("size 2^53-1", artifactField("sizeBytes", "9007199254740991")),
                bad(
                        "size 2^53",
                        artifactField("sizeBytes", "9007199254740992"),
                        "artifacts[0].sizeBytes: must be a whole number from 0 to 9,007,199,254,740,991"),
                bad(
                        "label of 201 chars",
                        artifactField("label", quoted("l", 201)),
                        "artifacts[0].label: must be at most 200 characters (found 201)"),
                ok("100 findings", findings(100, 0)),
                bad("101 findings", findings(101, 0), "findings: must have at most 100 entries (found 101)"),
                ok("50 artifact refs", findings(1, 50)),
                bad(
                        "51 artifact refs",
                        findings(1, 51),
                        "findings[0].artifactRefs: must have at most 50 entries (found 51)"),
                bad(
                        "unknown severity",
                        set("findings", "[{\"title\":\"t\",\"severity\":\"blocker\"}]"),
                        "findings[0].severity: " + SEVERITY),
                bad(
                        "detail of 20001 chars",
                        set(
                                "findings",
                                "[{\"title\":\"t\",\"severity\":\"low\",\"detail\":" + quoted("d", 20_001) + "}]"),
                        "findings[0].detail: must be at most 20,000 characters (found 20,001)"),
                ok("50 artifacts", artifacts(50)),
                bad("51 artifacts", artifacts(51), "artifacts: must have at most 50 entries (found 51)"),
                ok("50 groups", assignees("groups", 50)),
                bad("51 groups", assignees("groups", 51), "assignees.groups: must have at most 50 entries (found 51)"),
                ok("100 users", assignees("users", 100)),
                bad("101 users", assignees("users", 101), "assignees.users: must have at most 100 entries (found 101)"),
                bad(
                        "user of 257 chars",
                        set("assignees", "{\"users\":[" + quoted("u", 257) + "]}"),
                        "assignees.users[0]: must be at most 256 characters (found 257)"),
                ok("no assignees (intake applies the default route or refuses)", body -> body.remove("assignees")),
                ok("null assignees", set("assignees", "null")),
                ok("100 excluded users", assignees("users", 1).andThen(excluded(100))),
                bad(
                        "101 excluded users",
                        assignees("users", 1).andThen(excluded(101)),
                        "assignees.excludeUsers: must have at most 100 entries (found 101)"),
                bad(
                        "excluded user of 257 chars",
                        set("assignees", "{\"groups\":[\"g\"],\"excludeUsers\":[" + quoted("u", 257) + "]}"),
                        "assignees.excludeUsers[0]: must be at most 256 characters (found 257)"),
                bad(
                        "excluded users alone name nobody to decide",
                        set("assignees", "{\"excludeUsers\":[\"u\"]}"),
                        "assignees: must name at least one group or user"),
                bad(
                        "excluded user with a line break",
                        set("assignees", "{\"groups\":[\"g\"],\"excludeUsers\":[\"a\\nb\"]}"),
                        "assignees.excludeUsers[0]: must be a single line without control characters"),
                ok("50 metadata entries", metadata(50, 64, 1024)),
                bad("51 metadata entries", metadata(51, 1, 1), "metadata: must have at most 50 entries (found 51)"),
                bad(
                        "metadata key of 65 chars",
                        metadata(1, 65, 1),
                        "metadata." + "k".repeat(64) + "…: must be at most 64 characters (found 65)"),
                bad(
                        "metadata value of 1025 chars",
                        metadata(1, 1, 1025),
                        "metadata[\"0\"]: must be at most 1,024 characters (found 1,025)"),
                bad("outputSchema as array", set("outputSchema", "[]"), "outputSchema: must be a JSON object"),
                ok("any proposedOutput", set("proposedOutput", "[1, \"two\", {\"three\": null}]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void parser_and_schema_agree(String rule, Consumer<ObjectNode> change, String expectedProblem) {
        ObjectNode body = ContractFixtures.minimal();
        change.accept(body);

        Parsed parsed = ContractFixtures.parse(body);

        if (expectedProblem == null) {
            assertThat(ContractFixtures.problems(parsed)).isEmpty();
            assertThat(ContractFixtures.schemaErrors(body)).as("schema errors").isEmpty();
        } else {
            assertThat(ContractFixtures.problems(parsed)).containsExactly(expectedProblem);
            assertThat(ContractFixtures.schemaErrors(body)).as("schema errors").isNotEmpty();
        }
    }

    private static Arguments ok(String rule, Consumer<ObjectNode> change) {
        return Arguments.of(rule, change, null);
    }

    private static Arguments bad(String rule, Consumer<ObjectNode> change, String problem) {
        return Arguments.of(rule, change, problem);
    }

    private static Consumer<ObjectNode> set(String field, String json) {
        return body -> body.set(field, parse(json));
    }

    private static String quoted(String unit, int times) {
        return "\"" + unit.repeat(times) + "\"";
    }

    private static Consumer<ObjectNode> artifact(String uri) {
        return body -> body.putArray("artifacts").addObject().put("label", "a").set("uri", parse("\"" + uri + "\""));
    }

    private static Consumer<ObjectNode> artifactField(String field, String json) {
        return artifact("s3://bucket/key")
                .andThen(body -> ((ObjectNode) body.get("artifacts").get(0)).set(field, parse(json)));
    }

    private static Consumer<ObjectNode> artifacts(int count) {
        return body -> {
            ArrayNode list = body.putArray("artifacts");
            for (int i = 0; i < count; i++) {
                list.addObject().put("uri", "s3://bucket/k" + i).put("label", "a" + i);
            }
        };
    }

    private static Consumer<ObjectNode> findings(int count, int refs) {
        return artifacts(1).andThen(body -> {
            ArrayNode list = body.putArray("findings");
            for (int i = 0; i < count; i++) {
                ArrayNode refList = list.addObject()
                        .put("title", "f" + i)
                        .put("severity", "low")
                        .putArray("artifactRefs");
                for (int r = 0; r < refs; r++) {
                    refList.add("a0");
                }
            }
        });
    }

    private static Consumer<ObjectNode> assignees(String kind, int count) {
        return body -> {
            ArrayNode list = body.putObject("assignees").putArray(kind);
            for (int i = 0; i < count; i++) {
                list.add(kind + i);
            }
        };
    }

    private static Consumer<ObjectNode> excluded(int count) {
        return body -> {
            ArrayNode list = ((ObjectNode) body.get("assignees")).putArray("excludeUsers");
            for (int i = 0; i < count; i++) {
                list.add("x" + i);
            }
        };
    }

    private static Consumer<ObjectNode> metadata(int entries, int keyChars, int valueChars) {
        return body -> {
            ObjectNode metadata = body.putObject("metadata");
            for (int i = 0; i < entries; i++) {
                String key = "k".repeat(Math.max(0, keyChars - String.valueOf(i).length())) + i;
                metadata.put(key, "v".repeat(valueChars));
            }
        };
    }

    private static JsonNode parse(String json) {
        try {
            return ContractJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
