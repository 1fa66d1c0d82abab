package dev.signoff.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.contract.ReviewRequest.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReviewRequestParserTest {
    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAeHMc4Kq0bnS+1Dq9zS4mQ/h1uOqv4GqIUJk==";
    private final ReviewRequestParser parser = new ReviewRequestParser();

    private ReviewRequest valid(String body) {
        Parsed parsed = parser.parse(body);
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid) parsed).request();
    }

    private Parsed.Invalid invalid(String body) {
        Parsed parsed = parser.parse(body);
        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        return (Parsed.Invalid) parsed;
    }

    @Test
    void full_request_maps_every_field() {
        ReviewRequest r = valid(ContractFixtures.text("valid/full.json"));

        assertThat(r.version()).isEqualTo("review-request/v1");
        assertThat(r.taskToken()).isEqualTo(TOKEN);
        assertThat(r.executionArn()).endsWith(":execution:invoice-approval:run-2026-11-03-0001");
        assertThat(r.stateMachineArn()).hasValue("arn:aws:states:eu-west-1:123456789012:stateMachine:invoice-approval");
        assertThat(r.stateName()).hasValue("Human review");
        assertThat(r.enteredAt()).hasValue(Instant.parse("2026-11-03T10:15:30.123Z"));
        assertThat(r.title()).startsWith("Approve payment of invoice INV-2291");
        assertThat(r.summary().orElseThrow()).contains("**PO-7781**");
        assertThat(r.findings())
                .extracting(ReviewRequest.Finding::severity)
                .containsExactly(Severity.HIGH, Severity.CRITICAL, Severity.INFO);
        assertThat(r.findings().get(0).artifactRefs()).containsExactly("invoice", "purchase-order");
        assertThat(r.findings().get(2).detail()).isEmpty();
        assertThat(r.findings().get(2).artifactRefs()).isEmpty();
        ReviewRequest.Artifact po = r.artifacts().get(1);
        assertThat(po.bucket()).isEqualTo("acme-erp.exports");
        assertThat(po.key()).isEqualTo("po/PO-7781 final.json");
        assertThat(po.uri()).isEqualTo("s3://acme-erp.exports/po/PO-7781 final.json");
        assertThat(po.label()).isEqualTo("purchase-order");
        assertThat(po.contentType()).hasValue("application/json; charset=utf-8");
        assertThat(po.sizeBytes()).hasValue(2048L);
        assertThat(r.proposedOutput().orElseThrow().get("action").textValue()).isEqualTo("pay");
        assertThat(r.outputSchema().orElseThrow().get("required")).hasSize(3);
        assertThat(r.assignees().groups()).containsExactly("finance-approvers");
        assertThat(r.assignees().users()).containsExactly("maria.keller@example.com");
        assertThat(r.requestedBy()).hasValue("invoice-agent");
        assertThat(r.dueAt()).hasValue(Instant.parse("2026-11-04T16:00:00Z"));
        assertThat(r.timeoutAt()).hasValue(Instant.parse("2026-11-10T10:15:30Z"));
        assertThat(r.expiresAt()).hasValue(Instant.parse("2026-11-06T16:00:00Z"));
        assertThat(r.heartbeatSeconds()).hasValue(3600);
        assertThat(r.decisions()).containsExactly(Outcome.APPROVE, Outcome.REJECT);
        assertThat(r.metadata())
                .containsExactly(
                        Map.entry("supplier", "ACME GmbH"),
                        Map.entry("costCenter", "4711"),
                        Map.entry("Business unit", "EMEA"));
        assertThat(r.approval()).hasValue(new ReviewRequest.Approval(2, List.of("finance-approvers")));
        assertThat(r.approvalsRequired()).isEqualTo(2);
    }

    @Test
    void minimal_request_gets_documented_defaults() {
        ReviewRequest r = valid(ContractFixtures.text("valid/minimal.json"));

        assertThat(r.decisions()).containsExactly(Outcome.APPROVE, Outcome.REJECT, Outcome.REQUEST_CHANGES);
        assertThat(r.findings()).isEmpty();
        assertThat(r.artifacts()).isEmpty();
        assertThat(r.metadata()).isEmpty();
        assertThat(r.assignees().groups()).isEmpty();
        assertThat(r.assignees().users()).containsExactly("dev@example.com");
        assertThat(List.of(r.stateMachineArn(), r.stateName(), r.summary(), r.requestedBy()))
                .allMatch(Optional::isEmpty);
        assertThat(List.of(r.enteredAt(), r.dueAt(), r.timeoutAt(), r.expiresAt()))
                .allMatch(Optional::isEmpty);
        assertThat(r.proposedOutput()).isEmpty();
        assertThat(r.outputSchema()).isEmpty();
        assertThat(r.heartbeatSeconds()).isEmpty();
        assertThat(r.approval()).as("one approval decides").isEmpty();
        assertThat(r.approvalsRequired()).isEqualTo(1);
    }

    @Test
    void nulls_count_as_absent_unknown_fields_are_ignored_and_assignees_are_deduplicated() {
        ReviewRequest r = valid(ContractFixtures.text("valid/nulls-and-unknown-fields.json"));

        assertThat(r.decisions()).containsExactly(Outcome.APPROVE, Outcome.REJECT, Outcome.REQUEST_CHANGES);
        assertThat(r.proposedOutput()).isEmpty();
        assertThat(r.assignees().groups()).containsExactly("data-stewards");
        assertThat(r.assignees().users()).isEmpty();
        assertThat(r.stateMachineArn())
                .hasValue("arn:aws-us-gov:states:us-gov-west-1:123456789012:stateMachine:etl:prod");
    }

    @Test
    void duplicate_decisions_are_merged() {
        ObjectNode body = ContractFixtures.minimal();
        body.putArray("decisions").add("reject").add("reject");

        assertThat(valid(ContractJson.write(body)).decisions()).containsExactly(Outcome.REJECT);
    }

    @Test
    void to_string_never_shows_the_token() {
        ReviewRequest r = valid(ContractFixtures.text("valid/full.json"));
        ObjectNode body = ContractFixtures.minimal();
        body.remove("title");
        Parsed.Invalid bad = invalid(ContractJson.write(body));

        assertThat(r.toString()).doesNotContain(TOKEN).contains(TaskTokens.logId(TOKEN));
        assertThat(bad.readableToken()).hasValue(TOKEN);
        assertThat(bad.toString()).doesNotContain(TOKEN).contains(TaskTokens.logId(TOKEN));
        Parsed.Valid parsed = (Parsed.Valid) new ReviewRequestParser().parse(ContractFixtures.text("valid/full.json"));
        assertThat(parsed.body().toString()).contains(TOKEN);
        assertThat(parsed.toString()).doesNotContain(TOKEN).contains(TaskTokens.logId(TOKEN));
    }

    @Test
    void token_hash_is_sha256_hex_and_log_id_is_its_prefix() {
        assertThat(TaskTokens.tokenHash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TaskTokens.logId("abc")).isEqualTo("ba7816bf8f01");
        assertThat(valid(ContractFixtures.text("valid/minimal.json")).tokenHash())
                .isEqualTo(TaskTokens.tokenHash(TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{\"taskToken\": \"" + TOKEN, "{} {}", "{\"a\":1,\"a\":2}", "NaN"})
    void body_that_is_not_one_json_object_has_no_readable_token(String body) {
        Parsed.Invalid bad = invalid(body);

        assertThat(bad.readableToken()).isEmpty();
        assertThat(bad.problems()).hasSize(1).allMatch(p -> p.startsWith("body: "));
        assertThat(bad.problems().get(0)).doesNotContain(TOKEN);
    }

    @Test
    void non_object_json_is_named_in_the_problem() {
        assertThat(invalid("[{\"taskToken\":\"" + TOKEN + "\"}]").problems())
                .containsExactly("body: must be a JSON object, not an array");
        assertThat(invalid("\"" + TOKEN + "\"").problems())
                .containsExactly("body: must be a JSON object, not a string");
        assertThat(invalid("null").problems()).containsExactly("body: must be a JSON object, not null");
    }

    @Test
    void invalid_json_problem_gives_the_position() {
        assertThat(invalid("{\n  \"title\": oops\n}").problems().get(0))
                .startsWith("body: is not valid JSON (error at line 2, column");
    }

    @Test
    void token_is_readable_when_only_other_fields_are_wrong() {
        ObjectNode body = ContractFixtures.minimal();
        body.put("taskToken", "t".repeat(2048));
        body.put("executionArn", "not an arn");
        body.putObject("assignees");

        Parsed.Invalid bad = invalid(ContractJson.write(body));

        assertThat(bad.readableToken()).hasValue("t".repeat(2048));
        assertThat(bad.problems()).hasSize(2);
    }

    @Test
    void body_of_exactly_262144_bytes_is_accepted_and_one_more_byte_is_rejected_with_token_readable() {
        ObjectNode body = ContractFixtures.minimal();
        body.put("padding", "");
        int base = ContractJson.write(body).length();
        body.put("padding", "x".repeat(Limits.MAX_BODY_BYTES - base));
        String exact = ContractJson.write(body);
        body.put("padding", "x".repeat(Limits.MAX_BODY_BYTES - base + 1));
        String oneOver = ContractJson.write(body);

        assertThat(exact.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(262_144);
        valid(exact);
        Parsed.Invalid bad = invalid(oneOver);
        assertThat(bad.problems())
                .containsExactly("body: is 262,145 bytes; a review request is at most 262,144 bytes"
                        + " (the Step Functions state input limit)");
        assertThat(bad.readableToken()).hasValue(TOKEN);
    }

    @Test
    void body_size_counts_utf8_bytes_not_characters() {
        ObjectNode body = ContractFixtures.minimal();
        body.put("padding", "é".repeat(131_072));

        Parsed.Invalid bad = invalid(ContractJson.write(body));

        assertThat(bad.problems()).singleElement().asString().startsWith("body: is 262,");
    }

    @Test
    void body_larger_than_an_sqs_message_is_not_read_for_a_token() {
        ObjectNode body = ContractFixtures.minimal();
        body.put("padding", "x".repeat(Limits.MAX_READABLE_BODY_BYTES));

        Parsed.Invalid bad = invalid(ContractJson.write(body));

        assertThat(bad.readableToken()).isEmpty();
        assertThat(bad.problems()).singleElement().asString().startsWith("body: is 1,048,");
    }

    @Test
    void many_problems_are_capped_with_a_count_of_the_rest() {
        ObjectNode body = ContractFixtures.minimal();
        var findings = body.putArray("findings");
        for (int i = 0; i < 100; i++) {
            findings.addObject();
        }

        Parsed.Invalid bad = invalid(ContractJson.write(body));

        assertThat(bad.problems()).hasSize(Limits.MAX_REPORTED_PROBLEMS + 1);
        assertThat(bad.problems().get(0)).isEqualTo("findings[0].title: is required");
        assertThat(bad.problems().get(Limits.MAX_REPORTED_PROBLEMS)).isEqualTo("...: and 150 more problems not listed");
    }

    @Test
    void items_past_a_list_limit_are_counted_but_not_checked() {
        ObjectNode body = ContractFixtures.minimal();
        body.putArray("decisions").add("x").add("x").add("x").add("x").add("x");

        assertThat(invalid(ContractJson.write(body)).problems())
                .containsExactly(
                        "decisions: must have at most 3 entries (found 5)",
                        "decisions[0]: must be one of approve, reject, request_changes",
                        "decisions[1]: must be one of approve, reject, request_changes",
                        "decisions[2]: must be one of approve, reject, request_changes");
    }

    @Test
    void approval_policy_without_distinct_groups_needs_only_a_count() {
        ObjectNode body = ContractFixtures.minimal();
        body.putObject("approval").put("required", 3).putNull("distinctGroups");

        assertThat(valid(ContractJson.write(body)).approval()).hasValue(new ReviewRequest.Approval(3, List.of()));
    }

    @Test
    void approval_groups_of_a_request_without_assignees_are_left_for_the_default_route_to_check() {
        ObjectNode body = ContractFixtures.minimal();
        body.remove("assignees");
        body.putObject("approval").put("required", 2).putArray("distinctGroups").add("legal");

        assertThat(valid(ContractJson.write(body)).approval())
                .hasValue(new ReviewRequest.Approval(2, List.of("legal")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 21})
    void approval_count_outside_1_to_20_is_refused(int required) {
        ObjectNode body = ContractFixtures.minimal();
        body.putObject("approval").put("required", required);

        assertThat(invalid(ContractJson.write(body)).problems())
                .containsExactly("approval.required: must be a whole number from 1 to 20");
    }

    @Test
    void approval_that_is_not_an_object_is_refused() {
        ObjectNode body = ContractFixtures.minimal();
        body.put("approval", 2);

        assertThat(invalid(ContractJson.write(body)).problems()).containsExactly("approval: must be a JSON object");
    }

    @Test
    void a_distinct_group_of_a_request_naming_only_users_is_refused() {
        ObjectNode body = ContractFixtures.minimal();
        body.putObject("approval").put("required", 2).putArray("distinctGroups").add("finance");

        assertThat(invalid(ContractJson.write(body)).problems())
                .containsExactly("approval.distinctGroups[0]: \"finance\" is not one of assignees.groups: nobody in"
                        + " it could approve");
    }
}
