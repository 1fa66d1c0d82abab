package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.contract.ReviewRequest.Approval;
import dev.signoff.review.ApprovalCount.Vote;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The count of an N-of-M policy, on its own: how many, and one approver of their own for each listed group. */
class ApprovalCountTest {

    @Test
    void a_count_alone_is_met_by_that_many_approvals() {
        Approval two = new Approval(2, List.of());

        assertThat(ApprovalCount.of(two, List.of(vote("ann"))).met()).isFalse();
        assertThat(ApprovalCount.of(two, List.of(vote("ann"), vote("bob"))).met())
                .isTrue();
    }

    @Test
    void enough_approvals_without_one_from_a_listed_group_do_not_meet_the_policy() {
        Approval policy = new Approval(2, List.of("finance", "legal"));

        ApprovalCount.Result result = ApprovalCount.of(policy, List.of(vote("ann", "finance"), vote("bob")));

        assertThat(result.met()).isFalse();
        assertThat(result.missingGroups()).containsExactly("legal");
        assertThat(result.groupOf()).containsExactly(Map.entry("ann", "finance"));
    }

    @Test
    void one_person_in_two_listed_groups_fills_only_one_of_them() {
        Approval policy = new Approval(2, List.of("finance", "legal"));

        ApprovalCount.Result result = ApprovalCount.of(policy, List.of(vote("ann", "finance", "legal"), vote("bob")));

        assertThat(result.met()).isFalse();
        assertThat(result.missingGroups()).hasSize(1);
    }

    @Test
    void a_person_in_two_groups_moves_to_the_group_nobody_else_can_fill_whoever_approved_first() {
        Approval policy = new Approval(2, List.of("finance", "legal"));

        ApprovalCount.Result result =
                ApprovalCount.of(policy, List.of(vote("ann", "finance", "legal"), vote("bob", "finance")));

        assertThat(result.met()).isTrue();
        assertThat(result.groupOf()).containsEntry("ann", "legal").containsEntry("bob", "finance");
    }

    @Test
    void every_group_filled_is_not_enough_below_the_required_count() {
        Approval policy = new Approval(3, List.of("finance"));

        assertThat(ApprovalCount.of(policy, List.of(vote("ann", "finance"), vote("bob")))
                        .met())
                .isFalse();
    }

    private static Vote vote(String who, String... groups) {
        return new Vote(who, Set.of(groups));
    }
}
