package dev.signoff.review;

import java.util.List;
import java.util.Optional;

/**
 * Where a task with an approval policy stands: the approvals that count now (all of one output), the listed groups
 * nobody fills yet, and the output they approved, which a next approver starts from.
 */
public record ApprovalProgress(
        int required,
        List<String> distinctGroups,
        List<Approver> approvals,
        List<String> missingGroups,
        boolean met,
        Optional<String> outputJson) {

    public int count() {
        return approvals.size();
    }

    public int stillNeeded() {
        return Math.max(0, required - approvals.size());
    }

    public boolean approvedBy(String reviewerId) {
        return approvals.stream().anyMatch(a -> a.reviewerId().equals(reviewerId));
    }

    public Optional<Approver> approvalOf(String reviewerId) {
        return approvals.stream().filter(a -> a.reviewerId().equals(reviewerId)).findFirst();
    }

    /** "1 of 2 approvals". */
    public String label() {
        return count() + " of " + required + " approval" + (required == 1 ? "" : "s");
    }

    /** What is still missing, in words: "1 more approval, from legal". */
    public String waitingFor() {
        String more = stillNeeded() == 0 ? "" : stillNeeded() + " more approval" + (stillNeeded() == 1 ? "" : "s");
        String groups = missingGroups.isEmpty() ? "" : "an approver from " + String.join(", ", missingGroups);
        if (more.isEmpty()) {
            return groups;
        }
        return groups.isEmpty() ? more : more + ", including " + groups;
    }
}
