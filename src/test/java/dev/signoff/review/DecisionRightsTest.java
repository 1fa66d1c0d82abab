package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequestParser;
import dev.signoff.review.DecisionRights.Refusal;
import dev.signoff.security.Reviewer;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule of who may decide, on its own: separation of duties first, then assignment, admins included. */
class DecisionRightsTest {

    private static final Reviewer RILEY = new Reviewer("riley", "Riley", null, Set.of("finance"));
    private static final Reviewer ADA =
            new Reviewer("ada", null, "ada", "ada", "ada", "Ada", null, Set.of("signoff-admin"), true);

    @Test
    void an_assigned_reviewer_decides_and_one_not_assigned_does_not() {
        ReviewRequest request = request(null, "[]");

        assertThat(DecisionRights.judge(request, RILEY, true, false)).isEmpty();
        assertThat(DecisionRights.judge(request, RILEY, false, true)).contains(Refusal.NOT_ASSIGNED);
    }

    @Test
    void an_admin_decides_unassigned_reviews_only_when_configured_to() {
        ReviewRequest request = request(null, "[]");

        assertThat(DecisionRights.judge(request, ADA, false, false)).contains(Refusal.ADMIN_NOT_ASSIGNED);
        assertThat(DecisionRights.judge(request, ADA, false, true)).isEmpty();
        assertThat(DecisionRights.judge(request, ADA, true, false)).isEmpty();
    }

    @Test
    void the_requester_and_excluded_users_never_decide_whatever_their_assignment_or_role() {
        assertThat(DecisionRights.judge(request("riley", "[]"), RILEY, true, false))
                .contains(Refusal.REQUESTER);
        assertThat(DecisionRights.judge(request(null, "[\"riley\"]"), RILEY, true, false))
                .contains(Refusal.EXCLUDED);
        assertThat(DecisionRights.judge(request("ada", "[]"), ADA, true, true)).contains(Refusal.REQUESTER);
        assertThat(DecisionRights.judge(request(null, "[\"ada\"]"), ADA, false, true))
                .contains(Refusal.EXCLUDED);
        assertThat(Refusal.REQUESTER.separationOfDuties()).isTrue();
        assertThat(Refusal.ADMIN_NOT_ASSIGNED.separationOfDuties()).isFalse();
    }

    @Test
    void an_agent_named_as_requester_takes_nobodys_right_away() {
        assertThat(DecisionRights.judge(request("invoice-agent", "[]"), RILEY, true, false))
                .isEqualTo(Optional.empty());
    }

    private static ReviewRequest request(String requestedBy, String excludeUsers) {
        String body = "{\"signoff\":\"review-request/v1\",\"taskToken\":\"t\","
                + "\"executionArn\":\"arn:aws:states:us-east-1:123456789012:execution:sm:e\",\"title\":\"T\","
                + "\"assignees\":{\"groups\":[\"finance\"],\"excludeUsers\":" + excludeUsers + "}"
                + (requestedBy == null ? "" : ",\"requestedBy\":\"" + requestedBy + "\"") + "}";
        return ((Parsed.Valid) new ReviewRequestParser().parse(body)).request();
    }
}
