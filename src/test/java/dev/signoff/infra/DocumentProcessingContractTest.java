package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.contract.ReviewRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** infra/examples/document-processing.asl.json run against Signoff's real parser and callbacks. */
class DocumentProcessingContractTest {
    private final SignoffReviewer signoff = new SignoffReviewer();
    private final JsonNode context = InfraFiles.resource("context.json");

    private Script script() {
        return new Script("document-processing");
    }

    @Test
    void low_confidence_extraction_becomes_a_review_request_that_signoff_accepts() {
        AslWalker.Run run = script().agent("ExtractFields", 1)
                .agent("ClassifyDocument", 1)
                .then("HumanReview", signoff.approve("Looks right"))
                .agent("RouteDocument", 1)
                .run();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        ReviewRequest request = signoff.requests.get(0);
        AslWalker.Visit review = run.visitsOf("HumanReview").get(0);
        assertThat(request.taskToken())
                .isEqualTo(review.context().at("/Task/Token").textValue());
        assertThat(request.taskToken()).contains("+", "/", "=");
        assertThat(request.executionArn()).isEqualTo(context.at("/Execution/Id").textValue());
        assertThat(request.stateMachineArn())
                .contains(context.at("/StateMachine/Id").textValue());
        assertThat(request.stateName()).contains("HumanReview");
        assertThat(request.enteredAt().map(Object::toString)).contains("2026-11-26T09:15:02.123Z");
        assertThat(request.title()).isEqualTo("Check the extraction of invoices/2026/11/inv-4711.pdf");
        assertThat(request.summary().orElseThrow()).startsWith("Invoice **INV-4711**");
        assertThat(request.findings())
                .extracting(ReviewRequest.Finding::severity)
                .containsExactly(ReviewRequest.Severity.MEDIUM, ReviewRequest.Severity.INFO);
        assertThat(request.artifacts()).singleElement().satisfies(a -> {
            assertThat(a.uri()).isEqualTo("s3://acme-intake/invoices/2026/11/inv-4711.pdf");
            assertThat(a.contentType()).contains("application/pdf");
            assertThat(a.sizeBytes()).contains(183220L);
        });
        assertThat(request.proposedOutput().orElseThrow().get("invoiceNumber").textValue())
                .isEqualTo("INV-4711");
        assertThat(request.outputSchema()).isPresent();
        assertThat(request.assignees().groups()).containsExactly("ap-reviewers");
        assertThat(request.requestedBy()).contains("intake-bot@acme.example");
        assertThat(request.heartbeatSeconds()).contains(3600);
        assertThat(request.expiresAt().map(Object::toString)).contains("2026-11-26T17:00:00Z");
        assertThat(request.metadata())
                .isEqualTo(
                        Map.of("documentType", "invoice", "confidence", "0.62", "revision", "0", "escalated", "false"));
        assertThat(run.path()).containsSubsequence("HumanReview", "UseReviewedFields", "RouteDocument");
    }

    @Test
    void review_request_body_is_sent_as_the_json_the_parser_was_given() {
        script().agent("ExtractFields", 1)
                .agent("ClassifyDocument", 1)
                .then("HumanReview", signoff.approve(null))
                .agent("RouteDocument", 1)
                .run();
        JsonNode body = JsonPathParameters.parseJson(signoff.bodies.get(0));
        assertThat(body.get("signoff").textValue()).isEqualTo("review-request/v1");
        assertThat(body.get("decisions")).hasSize(3);
        assertThat(JsonPathParameters.toJson(body).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThan(262_144);
    }

    @Test
    void confident_first_pass_is_routed_without_review() {
        AslWalker.Run run = script().agent("ExtractFields", 1)
                .agentChanged("ClassifyDocument", r -> setModelAnswer(r, "confidence", 0.97))
                .agent("RouteDocument", 1)
                .run();
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.visitsOf("HumanReview")).isEmpty();
    }

    @Test
    void reviewers_edited_fields_are_what_gets_routed() {
        AslWalker.Run run = script().agent("ExtractFields", 1)
                .agent("ClassifyDocument", 1)
                .then("HumanReview", signoff.approveEdited(o -> ((ObjectNode) o).put("total", 1000.0)))
                .agent("RouteDocument", 1)
                .run();
        JsonNode routed = run.visitsOf("RouteDocument").get(0).parameters().at("/Payload/fields");
        assertThat(routed.get("total").doubleValue()).isEqualTo(1000.0);
        assertThat(routed.get("invoiceNumber").textValue()).isEqualTo("INV-4711");
    }

    @Test
    void requested_changes_reach_the_extractor_and_the_next_pass_is_reviewed_even_when_confident() {
        AslWalker.Run run = script().agent("ExtractFields", 2)
                .agent("ClassifyDocument", 1)
                .agentChanged("ClassifyDocument", r -> setModelAnswer(r, "confidence", 0.99))
                .then("HumanReview", signoff.requestChanges("VAT is on page 3, not page 2"), signoff.approve("ok"))
                .agent("RouteDocument", 1)
                .run();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        List<AslWalker.Visit> extractions = run.visitsOf("ExtractFields");
        assertThat(extractions
                        .get(0)
                        .parameters()
                        .at("/Payload/reviewerFeedback")
                        .isNull())
                .isTrue();
        JsonNode feedback = extractions.get(1).parameters().at("/Payload/reviewerFeedback");
        assertThat(feedback.get("decision").textValue()).isEqualTo("changes_requested");
        assertThat(feedback.get("comment").textValue()).isEqualTo("VAT is on page 3, not page 2");
        assertThat(signoff.requests).hasSize(2);
        assertThat(signoff.requests.get(1).metadata()).containsEntry("revision", "1");
        assertThat(signoff.requests.get(1).taskToken())
                .isNotEqualTo(signoff.requests.get(0).taskToken());
        assertThat(signoff.requests.get(1).expiresAt())
                .as("the input's window is for the first request; a later round may start after it")
                .isEmpty();
    }

    @Test
    void an_expired_review_goes_once_to_the_senior_group_with_the_same_extraction_and_their_own_window() {
        AslWalker.Run run = script().agent("ExtractFields", 1)
                .agent("ClassifyDocument", 1)
                .then("HumanReview", signoff.expire(), signoff.approve("Checked by a senior"))
                .agent("RouteDocument", 1)
                .run();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.path())
                .containsSubsequence(
                        "HumanReview",
                        "EscalatedAlready",
                        "EscalateToSeniors",
                        "GiveSeniorsTheirWindow",
                        "HumanReview",
                        "UseReviewedFields",
                        "RouteDocument");
        assertThat(run.visitsOf("ExtractFields")).hasSize(1);
        ReviewRequest firstLine = signoff.requests.get(0);
        ReviewRequest seniors = signoff.requests.get(1);
        long timeout =
                script().definition.at("/States/HumanReview/TimeoutSeconds").longValue();
        assertThat(firstLine.expiresAt().orElseThrow())
                .as("the window closes before Step Functions would time the step out")
                .isBefore(firstLine.enteredAt().orElseThrow().plusSeconds(timeout));
        assertThat(firstLine.assignees().groups()).containsExactly("ap-reviewers");
        assertThat(seniors.assignees().groups()).containsExactly("ap-senior-reviewers");
        assertThat(seniors.expiresAt().map(Object::toString)).contains("2026-11-27T12:00:00Z");
        assertThat(seniors.metadata()).containsEntry("escalated", "true").containsEntry("revision", "0");
        assertThat(seniors.proposedOutput()).isEqualTo(firstLine.proposedOutput());
        assertThat(seniors.taskToken()).isNotEqualTo(firstLine.taskToken());
    }

    @Test
    void a_review_that_expires_again_with_the_seniors_fails_with_signoffs_expiry_as_cause() {
        AslWalker.Run run = script().agent("ExtractFields", 1)
                .agent("ClassifyDocument", 1)
                .then("HumanReview", signoff.expire(), signoff.expire())
                .run();

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("Document.ReviewExpired");
        assertThat(run.visitsOf("HumanReview")).hasSize(2);
        JsonNode cause = JsonPathParameters.parseJson(run.cause());
        assertThat(cause.get("decision").textValue()).isEqualTo("expired");
        assertThat(cause.get("expiresAt").textValue()).isEqualTo("2026-11-27T12:00:00.000Z");
        assertThat(cause.get("expiredAt").textValue()).isEqualTo("2026-11-27T12:00:09.000Z");
        assertThat(cause.get("taskId").textValue()).isEqualTo("task-2");
    }

    @Test
    void after_escalation_a_change_request_stays_with_the_seniors_without_a_window() {
        AslWalker.Run run = script().agent("ExtractFields", 2)
                .agent("ClassifyDocument", 2)
                .then(
                        "HumanReview",
                        signoff.expire(),
                        signoff.requestChanges("Supplier is Globex AG"),
                        signoff.approve("ok"))
                .agent("RouteDocument", 1)
                .run();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        ReviewRequest third = signoff.requests.get(2);
        assertThat(third.assignees().groups()).containsExactly("ap-senior-reviewers");
        assertThat(third.expiresAt()).isEmpty();
        assertThat(third.metadata()).containsEntry("revision", "1").containsEntry("escalated", "true");
        assertThat(run.visitsOf("ExtractFields")
                        .get(1)
                        .parameters()
                        .at("/Payload/reviewerFeedback/comment")
                        .textValue())
                .isEqualTo("Supplier is Globex AG");
    }

    @Test
    void rejection_fails_the_execution_with_the_reviewers_decision_as_cause() {
        AslWalker.Run run = script().agent("ExtractFields", 1)
                .agent("ClassifyDocument", 1)
                .then("HumanReview", signoff.reject("Not our supplier"))
                .run();
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("Document.Rejected");
        JsonNode cause = JsonPathParameters.parseJson(run.cause());
        assertThat(cause.get("decision").textValue()).isEqualTo("rejected");
        assertThat(cause.get("comment").textValue()).isEqualTo("Not our supplier");
    }

    @Test
    void invalid_request_timeout_and_too_many_revisions_each_end_in_their_own_failure() {
        AslWalker.Run invalid = script().agent("ExtractFields", 1)
                .agent("ClassifyDocument", 1)
                .then("HumanReview", signoff.refuseAsInvalid("title: is required"))
                .run();
        assertThat(invalid.error()).isEqualTo("Document.ReviewRequestInvalid");
        assertThat(invalid.cause()).contains("title: is required");

        AslWalker.Run timedOut = script().agent("ExtractFields", 1)
                .agent("ClassifyDocument", 1)
                .then("HumanReview", signoff.timeOut())
                .run();
        assertThat(timedOut.error()).isEqualTo("Document.ReviewTimedOut");

        AslWalker.Run endless = script().agent("ExtractFields", 4)
                .agent("ClassifyDocument", 4)
                .then(
                        "HumanReview",
                        signoff.requestChanges("again"),
                        signoff.requestChanges("again"),
                        signoff.requestChanges("again"),
                        signoff.requestChanges("again"))
                .run();
        assertThat(endless.error()).isEqualTo("Document.RevisionLimitReached");
    }

    /** Rewrites one field of the JSON answer inside a Bedrock InvokeModel result. */
    static void setModelAnswer(ObjectNode bedrockResult, String field, double value) {
        ObjectNode content = (ObjectNode) bedrockResult.at("/Body/content/0");
        ObjectNode answer =
                (ObjectNode) JsonPathParameters.parseJson(content.get("text").textValue());
        answer.put(field, value);
        content.put("text", JsonPathParameters.toJson(answer));
    }

    @Test
    void a_review_an_admin_cancelled_fails_without_escalating() {
        AslWalker.Run run = script().agent("ExtractFields", 1)
                .agent("ClassifyDocument", 1)
                .then("HumanReview", signoff.cancel("Sent twice by the scanner"))
                .run();
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("Document.ReviewCancelled");
        assertThat(run.visitsOf("HumanReview")).hasSize(1);
        assertThat(JsonPathParameters.parseJson(run.cause()).get("reason").textValue())
                .isEqualTo("Sent twice by the scanner");
    }
}
