package dev.signoff.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.contract.ReviewerDecision.Reviewer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallbackPayloadTest {
    private static final Reviewer MARIA = new Reviewer("u-17", "Maria Keller", "maria.keller@example.com");
    private static final Instant DECIDED = Instant.parse("2026-11-03T11:02:03.004Z");
    private static final JsonNode SCHEMA =
            ContractFixtures.json("valid/full.json").get("outputSchema");
    private final CallbackPayload payload = new CallbackPayload();

    private static ReviewerDecision decision(Outcome outcome, JsonNode output, boolean edited, String comment) {
        return new ReviewerDecision(outcome, output, edited, comment, "vat-fixed", MARIA, DECIDED, "t-42", "d-7");
    }

    private Callback ready(ReviewerDecision decision, Optional<JsonNode> schema) {
        CallbackResult result = payload.build(decision, schema);
        assertThat(result).isInstanceOf(CallbackResult.Ready.class);
        return ((CallbackResult.Ready) result).callback();
    }

    private List<String> refused(ReviewerDecision decision, Optional<JsonNode> schema) {
        CallbackResult result = payload.build(decision, schema);
        assertThat(result).isInstanceOf(CallbackResult.Refused.class);
        return ((CallbackResult.Refused) result).messages();
    }

    @Test
    void approve_sends_task_success_with_the_output_and_the_decision() {
        Callback callback = ready(
                decision(
                        Outcome.APPROVE,
                        json("{\"action\":\"hold\",\"amount\":10,\"currency\":\"EUR\"}"),
                        true,
                        "VAT fixed"),
                Optional.of(SCHEMA));

        assertThat(callback.kind()).isEqualTo(Callback.Kind.SUCCESS);
        assertThat(callback.error()).isNull();
        assertThat(callback.cause()).isNull();
        assertThat(callback.output())
                .isEqualTo(
                        "{\"decision\":\"approved\",\"output\":{\"action\":\"hold\",\"amount\":10,\"currency\":\"EUR\"},"
                                + "\"edited\":true,\"comment\":\"VAT fixed\",\"reasonCode\":\"vat-fixed\","
                                + "\"reviewer\":{\"id\":\"u-17\",\"name\":\"Maria Keller\",\"email\":\"maria.keller@example.com\",\"issuer\":null,\"subject\":\"u-17\"},"
                                + "\"decidedAt\":\"2026-11-03T11:02:03.004Z\","
                                + "\"approvals\":[{\"id\":\"u-17\",\"name\":\"Maria Keller\",\"approvedAt\":\"2026-11-03T11:02:03.004Z\",\"group\":null}],"
                                + "\"taskId\":\"t-42\",\"decisionId\":\"d-7\"}");
    }

    @Test
    void an_approval_under_an_n_of_m_policy_lists_every_approver_in_order() {
        ReviewerDecision last = decision(
                        Outcome.APPROVE, json("{\"action\":\"pay\",\"amount\":1,\"currency\":\"EUR\"}"), false, null)
                .withApprovals(List.of(
                        new ReviewerDecision.Approval("u-3", "Ann", Instant.parse("2026-11-03T10:00:00Z"), "legal"),
                        new ReviewerDecision.Approval("u-17", "Maria Keller", DECIDED, null)));

        JsonNode output = json(ready(last, Optional.of(SCHEMA)).output());

        assertThat(output.get("approvals").toString())
                .isEqualTo(
                        "[{\"id\":\"u-3\",\"name\":\"Ann\",\"approvedAt\":\"2026-11-03T10:00:00.000Z\",\"group\":\"legal\"},"
                                + "{\"id\":\"u-17\",\"name\":\"Maria Keller\",\"approvedAt\":\"2026-11-03T11:02:03.004Z\",\"group\":null}]");
    }

    @Test
    void approve_without_output_or_optional_fields_keeps_every_key_as_null() {
        ReviewerDecision bare = new ReviewerDecision(
                Outcome.APPROVE, null, false, null, null, new Reviewer("u-1", null, null), DECIDED, "t-1", "d-1");

        assertThat(ready(bare, Optional.empty()).output())
                .isEqualTo("{\"decision\":\"approved\",\"output\":null,\"edited\":false,\"comment\":null,"
                        + "\"reasonCode\":null,\"reviewer\":{\"id\":\"u-1\",\"name\":null,\"email\":null,\"issuer\":null,\"subject\":\"u-1\"},"
                        + "\"decidedAt\":\"2026-11-03T11:02:03.004Z\","
                        + "\"approvals\":[{\"id\":\"u-1\",\"name\":null,\"approvedAt\":\"2026-11-03T11:02:03.004Z\",\"group\":null}],"
                        + "\"taskId\":\"t-1\",\"decisionId\":\"d-1\"}");
    }

    @Test
    void reject_sends_task_failure_signoff_rejected_with_the_decision_as_cause() {
        Callback callback = ready(
                decision(Outcome.REJECT, json("{\"ignored\":true}"), false, "Wrong supplier"), Optional.of(SCHEMA));

        assertThat(callback.kind()).isEqualTo(Callback.Kind.FAILURE);
        assertThat(callback.output()).isNull();
        assertThat(callback.error()).isEqualTo("Signoff.Rejected");
        assertThat(callback.cause())
                .isEqualTo("{\"decision\":\"rejected\",\"comment\":\"Wrong supplier\",\"reasonCode\":\"vat-fixed\","
                        + "\"reviewer\":{\"id\":\"u-17\",\"name\":\"Maria Keller\",\"email\":\"maria.keller@example.com\",\"issuer\":null,\"subject\":\"u-17\"},"
                        + "\"decidedAt\":\"2026-11-03T11:02:03.004Z\",\"taskId\":\"t-42\",\"decisionId\":\"d-7\"}");
    }

    @Test
    void expiry_sends_task_failure_signoff_expired_naming_the_task_and_both_times() {
        Callback callback =
                payload.expired("t-42", Instant.parse("2026-11-05T17:00:00Z"), Instant.parse("2026-11-05T17:00:12.5Z"));

        assertThat(callback.kind()).isEqualTo(Callback.Kind.FAILURE);
        assertThat(callback.error()).isEqualTo("Signoff.Expired");
        assertThat(callback.cause())
                .isEqualTo("{\"decision\":\"expired\",\"expiresAt\":\"2026-11-05T17:00:00.000Z\","
                        + "\"expiredAt\":\"2026-11-05T17:00:12.500Z\",\"taskId\":\"t-42\"}");
    }

    @Test
    void request_changes_sends_task_failure_signoff_changes_requested() {
        Callback callback = ready(decision(Outcome.REQUEST_CHANGES, null, false, "Use the 7% rate"), Optional.empty());

        assertThat(callback.error()).isEqualTo("Signoff.ChangesRequested");
        assertThat(json(callback.cause()).get("decision").textValue()).isEqualTo("changes_requested");
        assertThat(json(callback.cause()).get("comment").textValue()).isEqualTo("Use the 7% rate");
        assertThat(json(callback.cause()).has("output")).isFalse();
    }

    @Test
    void output_of_exactly_262144_bytes_with_its_delivery_id_passes_and_one_more_byte_is_refused() {
        int base = ready(decision(Outcome.APPROVE, text(""), false, null), Optional.empty())
                        .output()
                        .length()
                + Limits.DELIVERY_ID_CHARS;
        ReviewerDecision exact = decision(Outcome.APPROVE, text("o".repeat(262_144 - base)), false, null);
        ReviewerDecision over = decision(Outcome.APPROVE, text("o".repeat(262_144 - base + 1)), false, null);

        String sent =
                CallbackPayload.withDeliveryId(ready(exact, Optional.empty()).output(), UUID.randomUUID());
        assertThat(sent.getBytes(StandardCharsets.UTF_8)).hasSize(262_144);
        assertThat(refused(over, Optional.empty()))
                .containsExactly("Your output makes the callback 262,145 bytes; Step Functions accepts at most 262,144."
                        + " Shorten the output by at least 1 byte.");
    }

    @Test
    void output_limit_counts_utf8_bytes_and_blames_the_larger_part() {
        ReviewerDecision wide = decision(Outcome.APPROVE, text("é".repeat(100_000)), true, "ü".repeat(40_000));

        assertThat(refused(wide, Optional.empty()))
                .singleElement()
                .asString()
                .startsWith("Your output makes the callback 280,")
                // (the reviewer object's issuer and subject, the approvals list, and the 52 characters of the
                // deliveryId)
                .endsWith("Shorten the output by about 18,300 bytes.");
    }

    @Test
    void cause_of_exactly_32768_chars_with_its_delivery_id_passes_and_one_more_is_refused() {
        int base = ready(decision(Outcome.REJECT, null, false, ""), Optional.empty())
                        .cause()
                        .length()
                + Limits.DELIVERY_ID_CHARS;
        ReviewerDecision exact = decision(Outcome.REJECT, null, false, "c".repeat(32_768 - base));
        ReviewerDecision over = decision(Outcome.REJECT, null, false, "c".repeat(32_768 - base + 1));

        assertThat(CallbackPayload.withDeliveryId(ready(exact, Optional.empty()).cause(), UUID.randomUUID()))
                .hasSize(32_768);
        assertThat(refused(over, Optional.empty()))
                .containsExactly("Your comment makes the callback 32,769 characters; Step Functions accepts at most"
                        + " 32,768. Shorten the comment by at least 1 character.");
    }

    @Test
    void long_comment_gets_a_rounded_shortening_hint() {
        int base = ready(decision(Outcome.REQUEST_CHANGES, null, false, ""), Optional.empty())
                        .cause()
                        .length()
                + Limits.DELIVERY_ID_CHARS;
        ReviewerDecision longComment = decision(Outcome.REQUEST_CHANGES, null, false, "c".repeat(40_120 - base));

        assertThat(refused(longComment, Optional.empty()))
                .containsExactly("Your comment makes the callback 40,120 characters; Step Functions accepts at most"
                        + " 32,768. Shorten the comment by about 7,400 characters.");
    }

    @Test
    void error_name_is_limited_to_256_chars() {
        assertThat(CallbackLimits.problem(Callback.failure("E".repeat(256), "{}"), "comment"))
                .isEmpty();
        assertThat(CallbackLimits.problem(Callback.failure("E".repeat(257), "{}"), "comment"))
                .hasValue("The error name is 257 characters; Step Functions accepts at most 256.");
    }

    @Test
    void edited_output_that_breaks_the_output_schema_is_refused_with_plain_reasons() {
        JsonNode edited = json("{\"action\":\"pay\",\"amount\":\"12400\",\"currency\":\"eur\",\"extra\":1}");

        List<String> messages = refused(decision(Outcome.APPROVE, edited, true, null), Optional.of(SCHEMA));

        assertThat(messages.get(0)).startsWith("The output does not match the schema the workflow expects.");
        assertThat(messages.subList(1, messages.size()))
                .containsExactlyInAnyOrder(
                        "output.amount: string found, number expected",
                        "output.currency: does not match the regex pattern ^[A-Z]{3}$",
                        "output: property 'extra' is not defined in the schema and the schema does not allow additional"
                                + " properties");
    }

    @Test
    void unedited_proposal_is_checked_against_the_schema_too() {
        JsonNode proposal = json("{\"action\":\"pay\"}");

        assertThat(refused(decision(Outcome.APPROVE, proposal, false, null), Optional.of(SCHEMA)))
                .contains("output: required property 'amount' not found");
        assertThat(ready(decision(Outcome.APPROVE, proposal, false, null), Optional.empty())
                        .kind())
                .isEqualTo(Callback.Kind.SUCCESS);
    }

    @Test
    void reject_is_not_held_to_the_output_schema() {
        assertThat(ready(decision(Outcome.REJECT, json("\"not an object\""), true, null), Optional.of(SCHEMA))
                        .error())
                .isEqualTo("Signoff.Rejected");
    }

    @Test
    void invalid_request_failure_lists_the_problems() {
        Callback callback = payload.invalidRequest(List.of("title: is required", "assignees: is required"));

        assertThat(callback.error()).isEqualTo("Signoff.InvalidRequest");
        assertThat(callback.cause()).isEqualTo("{\"problems\":[\"title: is required\",\"assignees: is required\"]}");
    }

    @Test
    void the_delivery_id_is_the_last_key_and_is_found_only_under_its_own_key() {
        UUID id = UUID.randomUUID();
        Callback callback = ready(decision(Outcome.REJECT, null, false, "deliveryId " + id), Optional.empty());

        String sent = CallbackPayload.withDeliveryId(callback.cause(), id);

        assertThat(sent)
                .startsWith(callback.cause().substring(0, callback.cause().length() - 1));
        assertThat(sent).hasSize(callback.cause().length() + Limits.DELIVERY_ID_CHARS);
        assertThat(CallbackPayload.idIn(sent, "deliveryId")).contains(id.toString());
        assertThat(CallbackPayload.idIn(callback.cause(), "deliveryId"))
                .as("the id written in a comment is not a marker")
                .isEmpty();
        assertThat(CallbackPayload.idIn("not json " + id, "deliveryId")).isEmpty();
    }

    @Test
    void invalid_request_cause_is_cut_to_fit_32768_chars() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            problems.add("metadata.k" + i + ": " + "x".repeat(1000));
        }

        Callback callback = payload.invalidRequest(problems);

        assertThat(CallbackPayload.withDeliveryId(callback.cause(), UUID.randomUUID()))
                .hasSizeLessThanOrEqualTo(32_768);
        JsonNode listed = json(callback.cause()).get("problems");
        assertThat(listed.get(listed.size() - 1).textValue())
                .isEqualTo("...: and " + (60 - listed.size() + 1) + " more problems not listed");
        assertThat(listed.size()).isGreaterThan(25);
    }

    @Test
    void callback_kinds_cannot_be_mixed() {
        assertThatThrownBy(() -> new Callback(Callback.Kind.SUCCESS, "{}", "E", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Callback(Callback.Kind.FAILURE, null, "E", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_output_stored_elsewhere_is_sent_as_null_with_its_location_and_still_checked_against_the_schema() {
        JsonNode big = json("{\"note\":\"" + "x".repeat(300_000) + "\"}");
        ReviewerDecision approval = decision(Outcome.APPROVE, big, true, null);
        CallbackPayload payloads = new CallbackPayload();
        assertThat(payloads.outputTooLarge(approval)).isTrue();
        assertThat(payloads.outputTooLarge(decision(Outcome.APPROVE, json("{\"a\":1}"), true, null)))
                .isFalse();
        OutputLocation location =
                OutputLocation.of("outputs", "signoff/outputs/t-42/d-7.json", OutputLocation.bytesOf(big));

        CallbackResult result = payloads.buildPointing(approval, Optional.empty(), location);

        String output = ((CallbackResult.Ready) result).callback().output();
        assertThat(output)
                .startsWith("{\"decision\":\"approved\",\"output\":null,\"edited\":true,\"outputLocation\":{"
                        + "\"bucket\":\"outputs\",\"key\":\"signoff/outputs/t-42/d-7.json\",\"sizeBytes\":300011,");
        assertThat(location.sha256()).hasSize(64);
        JsonNode strict = json("{\"type\":\"object\",\"properties\":{\"note\":{\"maxLength\":10}}}");
        assertThat(payloads.buildPointing(approval, Optional.of(strict), location))
                .isInstanceOf(CallbackResult.Refused.class);
    }

    private static JsonNode json(String text) {
        try {
            return ContractJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode text(String value) {
        return ContractJson.MAPPER.getNodeFactory().textNode(value);
    }
}
