package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ReviewRequest;
import org.junit.jupiter.api.Test;

/** infra/examples/compliance-review.asl.json: one review task per approver, N of M decide. */
class ComplianceReviewContractTest {
    private final SignoffReviewer signoff = new SignoffReviewer();

    private Script script() {
        return new Script("compliance-review").agent("AnalyzeChange", 1).agent("LookUpPolicy", 1);
    }

    @Test
    void every_approver_gets_an_own_review_request_that_signoff_accepts() {
        AslWalker.Run run = script().then(
                        "RequestApproval", signoff.approve("fine"), signoff.approve("ok"), signoff.approve(null))
                .agent("RecordApproval", 1)
                .run();

        assertThat(signoff.requests).hasSize(3);
        assertThat(signoff.requests)
                .extracting(ReviewRequest::assignees)
                .containsExactly(
                        new ReviewRequest.Assignees(java.util.List.of("security-officers"), java.util.List.of()),
                        new ReviewRequest.Assignees(java.util.List.of(), java.util.List.of("cto@acme.example")),
                        new ReviewRequest.Assignees(
                                java.util.List.of("network-owners"), java.util.List.of("l.nguyen")));
        assertThat(signoff.requests)
                .extracting(ReviewRequest::taskToken)
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(run.visitsOf("RequestApproval").stream()
                        .map(v -> v.context().at("/Task/Token").textValue())
                        .toList());
        ReviewRequest first = signoff.requests.get(0);
        assertThat(first.title())
                .isEqualTo("Approve CHG-2291: Open port 5432 from the analytics VPC to the billing database");
        assertThat(first.stateName()).contains("RequestApproval");
        assertThat(first.metadata())
                .containsEntry("quorum", "2 of 3")
                .containsEntry("policy", "Network exposure of regulated data");
        assertThat(first.artifacts())
                .singleElement()
                .satisfies(a -> assertThat(a.uri()).isEqualTo("s3://acme-change-mgmt/requests/CHG-2291.pdf"));
        assertThat(first.findings().get(0).severity()).isEqualTo(ReviewRequest.Severity.HIGH);
        assertThat(first.heartbeatSeconds()).isEmpty();
        assertThat(signoff.requests)
                .extracting(r -> r.expiresAt().map(Object::toString))
                .as("every approver's request closes at the same time")
                .containsOnly(java.util.Optional.of("2026-11-30T17:00:00Z"));
        long timeout = InfraFiles.example("compliance-review")
                .at("/States/CollectApprovals/ItemProcessor/States/RequestApproval/TimeoutSeconds")
                .longValue();
        assertThat(first.expiresAt().orElseThrow())
                .isBefore(first.enteredAt().orElseThrow().plusSeconds(timeout));
    }

    @Test
    void an_approver_whose_window_closed_counts_as_not_approving_and_is_recorded_as_expired() {
        AslWalker.Run run = script().then(
                        "RequestApproval", signoff.approve(null), signoff.expire(), signoff.approve(null))
                .agent("RecordApproval", 1)
                .run();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.path()).contains("VoteExpired");
        JsonNode item = run.visitsOf("RecordApproval").get(0).parameters().get("Item");
        JsonNode votes = JsonPathParameters.parseJson(item.at("/votes/S").textValue());
        assertThat(votes.get("approved")).hasSize(2);
        JsonNode expired = votes.get("expired");
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).at("/approver/users/0").textValue()).isEqualTo("cto@acme.example");
        assertThat(expired.get(0).at("/decision/decision").textValue()).isEqualTo("expired");
        assertThat(expired.get(0).at("/decision/expiresAt").textValue()).isEqualTo("2026-11-30T17:00:00.000Z");
        assertThat(expired.get(0).at("/decision/taskId").textValue()).isEqualTo("task-2");
    }

    @Test
    void expired_approvals_do_not_make_up_the_quorum() {
        AslWalker.Run run = script().then("RequestApproval", signoff.approve(null), signoff.expire(), signoff.expire())
                .agent("RecordRejection", 1)
                .run();

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("Compliance.NotApproved");
        JsonNode item = run.visitsOf("RecordRejection").get(0).parameters().get("Item");
        assertThat(item.at("/outcome/S").textValue()).isEqualTo("rejected");
        JsonNode votes = JsonPathParameters.parseJson(item.at("/votes/S").textValue());
        assertThat(votes.get("approved")).hasSize(1);
        assertThat(votes.get("expired")).hasSize(2);
    }

    @Test
    void two_approvals_of_three_are_enough_even_with_one_rejection() {
        AslWalker.Run run = script().then(
                        "RequestApproval", signoff.approve(null), signoff.reject("Too broad"), signoff.approve(null))
                .agent("RecordApproval", 1)
                .run();
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        JsonNode item = run.visitsOf("RecordApproval").get(0).parameters().get("Item");
        assertThat(item.at("/outcome/S").textValue()).isEqualTo("approved");
        JsonNode votes = JsonPathParameters.parseJson(item.at("/votes/S").textValue());
        assertThat(votes.get("approved")).hasSize(2);
        assertThat(votes.get("rejected")).hasSize(1);
    }

    @Test
    void one_approval_with_two_rejections_is_recorded_as_not_approved() {
        AslWalker.Run run = script().then(
                        "RequestApproval", signoff.reject("no"), signoff.approve(null), signoff.reject("no"))
                .agent("RecordRejection", 1)
                .run();
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("Compliance.NotApproved");
    }

    @Test
    void requested_changes_without_quorum_send_the_feedback_to_a_new_analysis_and_ask_again() {
        AslWalker.Run run = new Script("compliance-review")
                .agent("AnalyzeChange", 2)
                .agent("LookUpPolicy", 2)
                .then(
                        "RequestApproval",
                        signoff.approve(null),
                        signoff.requestChanges("Name the read-only role"),
                        signoff.timeOut(),
                        signoff.approve(null),
                        signoff.approve(null),
                        signoff.approve(null))
                .agent("RecordApproval", 1)
                .run();

        assertThat(run.status()).isEqualTo("SUCCEEDED");
        String secondPrompt = run.visitsOf("AnalyzeChange")
                .get(1)
                .parameters()
                .at("/Body/messages/0/content/0/text")
                .textValue();
        assertThat(secondPrompt).contains("Name the read-only role");
        assertThat(signoff.requests).hasSize(6);
        assertThat(signoff.requests.get(3).metadata()).containsEntry("revision", "1");
        assertThat(signoff.requests.subList(0, 3))
                .allSatisfy(r -> assertThat(r.expiresAt()).isPresent());
        assertThat(signoff.requests.subList(3, 6))
                .as("the input's window is for the first round; the second starts after it may have passed")
                .allSatisfy(r -> assertThat(r.expiresAt()).isEmpty());
    }

    @Test
    void an_invalid_request_for_any_approver_fails_the_whole_check() {
        AslWalker.Run run = script().then(
                        "RequestApproval",
                        signoff.approve(null),
                        signoff.refuseAsInvalid("assignees: must name at least one group or user"))
                .run();
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("Compliance.CheckFailed");
        assertThat(run.cause()).contains("must name at least one group or user");
    }

    @Test
    void an_approval_an_admin_cancelled_fails_the_whole_check_with_the_admins_reason() {
        AslWalker.Run run = script().then("RequestApproval", signoff.approve(null), signoff.cancel("Approver left"))
                .run();
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("Compliance.CheckFailed");
        assertThat(run.cause()).contains("Approver left");
    }
}
