package dev.signoff.review;

import dev.signoff.contract.ReviewRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the approvals of one output meet a policy. Every approval counts toward {@code required}; for {@code
 * distinctGroups} each listed group needs an approver of its own, and each approver fills at most one group. Which
 * group a person in two listed groups fills is not first come: the count looks for the assignment that fills the
 * most groups (a bipartite matching of at most 20 people to 50 groups), so approvers from finance+legal and from
 * finance fill both groups whoever approved first.
 */
final class ApprovalCount {

    /** One approval as the count sees it: who, and which listed groups they were in when they approved. */
    record Vote(String reviewerId, Set<String> groups) {}

    /** The group each reviewer fills (absent: none), the listed groups nobody fills, and whether the policy is met. */
    record Result(Map<String, String> groupOf, List<String> missingGroups, boolean met) {}

    private ApprovalCount() {}

    static Result of(ReviewRequest.Approval policy, List<Vote> votes) {
        List<String> groups = policy.distinctGroups();
        int[] groupOfVoter = new int[votes.size()];
        Arrays.fill(groupOfVoter, -1);
        for (int g = 0; g < groups.size(); g++) {
            fill(g, groups, votes, groupOfVoter, new boolean[votes.size()]);
        }
        Map<String, String> groupOf = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>(groups);
        for (int v = 0; v < votes.size(); v++) {
            if (groupOfVoter[v] >= 0) {
                groupOf.put(votes.get(v).reviewerId(), groups.get(groupOfVoter[v]));
                missing.remove(groups.get(groupOfVoter[v]));
            }
        }
        return new Result(groupOf, List.copyOf(missing), votes.size() >= policy.required() && missing.isEmpty());
    }

    /** Kuhn's augmenting path: find group g a voter, moving a voter's group to another voter where that frees one. */
    private static boolean fill(int g, List<String> groups, List<Vote> votes, int[] groupOfVoter, boolean[] seen) {
        for (int v = 0; v < votes.size(); v++) {
            if (seen[v] || !votes.get(v).groups().contains(groups.get(g))) {
                continue;
            }
            seen[v] = true;
            if (groupOfVoter[v] < 0 || fill(groupOfVoter[v], groups, votes, groupOfVoter, seen)) {
                groupOfVoter[v] = g;
                return true;
            }
        }
        return false;
    }
}
