package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ReviewRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** infra/examples/research-loop.asl.json run against Signoff's real parser and callbacks. */
class ResearchLoopContractTest {
    private final SignoffReviewer signoff = new SignoffReviewer();

    private Script script() {
        return new Script("research-loop").agent("GatherSources", 1);
    }

    @Test
    void proposed_findings_become_a_review_request_that_signoff_accepts() {
        AslWalker.Run run = script().agent("ProposeFindings", 1)
                .then("ReviewFindings", signoff.approve("Good to go"))
                .agent("ContinueResearch", 1)
                .run();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        ReviewRequest request = signoff.requests.get(0);
        assertThat(request.title())
                .isEqualTo("Research findings: Heat pump adoption in EU multifamily housing (revision 0)");
        assertThat(request.stateName()).contains("ReviewFindings");
        assertThat(request.taskToken())
                .isEqualTo(run.visitsOf("ReviewFindings")
                        .get(0)
                        .context()
                        .at("/Task/Token")
                        .textValue());
        assertThat(request.executionArn())
                .isEqualTo(
                        InfraFiles.resource("context.json").at("/Execution/Id").textValue());
        assertThat(request.artifacts())
                .extracting(ReviewRequest.Artifact::label)
                .containsExactly("Draft report", "Source table");
        assertThat(request.findings().get(0).artifactRefs()).containsExactly("Draft report", "Source table");
        assertThat(request.assignees().groups()).containsExactly("research-leads");
        assertThat(request.assignees().users()).containsExactly("j.okafor");
        assertThat(request.dueAt().map(Object::toString)).contains("2026-12-01T17:00:00Z");
        assertThat(request.expiresAt().map(Object::toString)).contains("2026-12-02T17:00:00Z");
        long timeout = InfraFiles.example("research-loop")
                .at("/States/ReviewFindings/TimeoutSeconds")
                .longValue();
        assertThat(request.expiresAt().orElseThrow())
                .isBefore(request.enteredAt().orElseThrow().plusSeconds(timeout));
        assertThat(request.heartbeatSeconds()).contains(14400);
        assertThat(request.metadata()).containsEntry("documentCount", "42").containsEntry("revision", "0");

        JsonNode handedOn = run.visitsOf("ContinueResearch").get(0).parameters().get("Payload");
        assertThat(handedOn.get("approvedDraft"))
                .isEqualTo(request.proposedOutput().orElseThrow());
        assertThat(handedOn.get("decisionId").textValue()).isEqualTo("decision-1");
        assertThat(handedOn.at("/reviewer/id").textValue()).isEqualTo("u-1");
    }

    @Test
    void requested_changes_go_back_to_the_agent_not_to_gathering_and_are_reviewed_again() {
        AslWalker.Run run = script().agent("ProposeFindings", 3)
                .then(
                        "ReviewFindings",
                        signoff.requestChanges("Add the 2024 Polish programme"),
                        signoff.requestChanges("Cite the Eurostat table"),
                        signoff.approve(null))
                .agent("ContinueResearch", 1)
                .run();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.visitsOf("GatherSources")).hasSize(1);
        List<AslWalker.Visit> proposals = run.visitsOf("ProposeFindings");
        assertThat(proposals
                        .get(1)
                        .parameters()
                        .at("/Payload/reviewerFeedback/comment")
                        .textValue())
                .isEqualTo("Add the 2024 Polish programme");
        assertThat(proposals.get(2).parameters().at("/Payload/revision").intValue())
                .isEqualTo(2);
        assertThat(signoff.requests)
                .extracting(ReviewRequest::title)
                .allSatisfy(t -> assertThat(t).startsWith("Research findings: "))
                .last()
                .satisfies(t -> assertThat(t).endsWith("(revision 2)"));
        assertThat(signoff.requests)
                .extracting(r -> r.expiresAt().isPresent())
                .as("only the first request carries the input's window")
                .containsExactly(true, false, false);
    }

    @Test
    void an_expired_review_is_reported_on_the_escalation_topic_and_asked_again_without_a_window() {
        AslWalker.Run run = script().agent("ProposeFindings", 1)
                .then("ReviewFindings", signoff.expire(), signoff.approve("Sorry for the delay"))
                .agent("ReportExpiredReview", 1)
                .agent("ContinueResearch", 1)
                .run();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.path())
                .containsSubsequence(
                        "ReviewFindings",
                        "ReportExpiredReview",
                        "AskAgainWithoutWindow",
                        "ReviewFindings",
                        "ContinueResearch");
        assertThat(run.visitsOf("ProposeFindings")).hasSize(1);
        JsonNode published = run.visitsOf("ReportExpiredReview").get(0).parameters();
        assertThat(published.get("TopicArn").textValue()).isEqualTo("${EscalationTopicArn}");
        assertThat(published.get("Message").textValue())
                .contains("Heat pump adoption in EU multifamily housing")
                .contains("2026-12-02T17:00:00Z")
                .contains(
                        InfraFiles.resource("context.json").at("/Execution/Id").textValue());
        ReviewRequest again = signoff.requests.get(1);
        assertThat(again.expiresAt()).isEmpty();
        assertThat(again.dueAt().map(Object::toString)).contains("2026-12-01T17:00:00Z");
        assertThat(again.title()).endsWith("(revision 0)");
        assertThat(again.taskToken()).isNotEqualTo(signoff.requests.get(0).taskToken());
        assertThat(run.visitsOf("ContinueResearch")
                        .get(0)
                        .parameters()
                        .at("/Payload/decisionId")
                        .textValue())
                .isEqualTo("decision-2");
    }

    @Test
    void a_review_asked_again_after_expiry_and_still_undecided_ends_as_stalled() {
        AslWalker.Run run = script().agent("ProposeFindings", 1)
                .then("ReviewFindings", signoff.expire(), signoff.timeOut())
                .then("ReportExpiredReview", visit -> new AslWalker.Failure("SNS.InternalErrorException", "down"))
                .agent("ReportStalledReview", 1)
                .run();

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("Research.ReviewTimedOut");
        assertThat(run.path())
                .as("a failed notification does not stop the second request")
                .containsSubsequence("ReportExpiredReview", "AskAgainWithoutWindow", "ReviewFindings");
        assertThat(run.visitsOf("ReviewFindings")).hasSize(2);
    }

    @Test
    void a_stalled_review_is_reported_before_the_execution_fails() {
        AslWalker.Run run = script().agent("ProposeFindings", 1)
                .then("ReviewFindings", signoff.timeOut())
                .agent("ReportStalledReview", 1)
                .run();
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("Research.ReviewTimedOut");
        assertThat(run.visitsOf("ReportStalledReview")
                        .get(0)
                        .parameters()
                        .get("Message")
                        .textValue())
                .contains(
                        InfraFiles.resource("context.json").at("/Execution/Id").textValue());
    }

    @Test
    void rejection_and_invalid_requests_fail_with_their_cause() {
        AslWalker.Run rejected = script().agent("ProposeFindings", 1)
                .then("ReviewFindings", signoff.reject("Out of scope"))
                .run();
        assertThat(rejected.error()).isEqualTo("Research.Rejected");
        assertThat(rejected.cause()).contains("Out of scope");

        AslWalker.Run invalid = script().agent("ProposeFindings", 1)
                .then("ReviewFindings", signoff.refuseAsInvalid("artifacts[0].uri: must be an s3://bucket/key URI"))
                .run();
        assertThat(invalid.error()).isEqualTo("Research.ReviewRequestInvalid");
    }

    @Test
    void a_review_an_admin_cancelled_fails_with_signoffs_cause() {
        AslWalker.Run run = script().agent("ProposeFindings", 1)
                .then("ReviewFindings", signoff.cancel("Superseded by the 2027 study"))
                .run();
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("Research.ReviewCancelled");
        JsonNode cause = JsonPathParameters.parseJson(run.cause());
        assertThat(cause.get("decision").textValue()).isEqualTo("cancelled");
        assertThat(cause.get("reason").textValue()).isEqualTo("Superseded by the 2027 study");
        assertThat(cause.at("/cancelledBy/id").textValue()).isEqualTo("admin-1");
    }
}
