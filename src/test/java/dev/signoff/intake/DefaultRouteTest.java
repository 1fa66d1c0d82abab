package dev.signoff.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.contract.ContractJson;
import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequestParser;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default route: a request naming nobody goes to the configured groups, or is refused without them. */
class DefaultRouteTest {

    private final ReviewRequestParser parser = new ReviewRequestParser();

    @Test
    void without_default_groups_a_request_without_assignees_is_refused() {
        assertThat(new DefaultRoute(Optional.empty()).route(request(body -> body.remove("assignees"))))
                .isEmpty();
        assertThat(new DefaultRoute(Optional.of(List.of())).route(request(body -> body.putNull("assignees"))))
                .isEmpty();
    }

    @Test
    void with_default_groups_a_request_without_assignees_goes_to_them_and_nobody_else() {
        DefaultRoute route = new DefaultRoute(Optional.of(List.of("triage", "ops")));

        ReviewRequest routed =
                route.route(request(body -> body.remove("assignees"))).orElseThrow();

        assertThat(routed.assignees().groups()).containsExactly("triage", "ops");
        assertThat(routed.assignees().users()).isEmpty();
        assertThat(routed.title()).isEqualTo("Check the generated release notes");
        assertThat(route.note()).isEqualTo("assigned by default route to group triage, ops");
    }

    @Test
    void a_request_that_names_assignees_keeps_them_whatever_the_default() {
        ReviewRequest named = request(body -> {});

        assertThat(new DefaultRoute(Optional.of(List.of("triage"))).route(named))
                .containsSame(named);
        assertThat(new DefaultRoute(Optional.empty()).route(named)).containsSame(named);
    }

    @Test
    void approval_groups_of_a_routed_request_must_be_default_groups() {
        DefaultRoute route = new DefaultRoute(Optional.of(List.of("triage", "ops")));
        ReviewRequest routed = route.route(request(body -> {
                    body.remove("assignees");
                    body.putObject("approval")
                            .put("required", 2)
                            .putArray("distinctGroups")
                            .add("ops")
                            .add("legal");
                }))
                .orElseThrow();

        assertThat(route.approvalProblems(routed))
                .containsExactly("approval.distinctGroups[1]: \"legal\" is not one of the default route's groups"
                        + " (triage, ops): nobody in it could approve");
    }

    private ReviewRequest request(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode body = minimal();
        change.accept(body);
        Parsed parsed = parser.parse(ContractJson.write(body));
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid) parsed).request();
    }

    private static ObjectNode minimal() {
        ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        body.put("signoff", "review-request/v1");
        body.put("taskToken", "token-1");
        body.put("executionArn", "arn:aws:states:us-east-1:123456789012:execution:sm:e1");
        body.put("title", "Check the generated release notes");
        body.putObject("assignees").putArray("groups").add("release-managers");
        return body;
    }
}
