package dev.signoff.intake;

import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.Assignees;
import dev.signoff.review.ReviewConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Where a request that names nobody goes. The contract lets a request leave {@code assignees} out; the parser has no
 * configuration, so this rule lives at intake: with {@code signoff.review.default-groups} set, such a request
 * becomes a task for those groups (its history says so), without it the request is refused as before.
 */
@ApplicationScoped
class DefaultRoute {

    /** The refusal when no default route is configured: the same words as ever, so senders see no change. */
    static final String REFUSAL = "assignees: is required";

    private final List<String> groups;

    @Inject
    DefaultRoute(ReviewConfig config) {
        this(config.defaultGroups());
    }

    DefaultRoute(Optional<List<String>> groups) {
        this.groups = groups.map(List::copyOf).orElse(List.of());
    }

    /**
     * The request to store: itself when it names assignees, else with the default groups as its assignees (its
     * {@code excludeUsers} kept); empty when it names nobody and there is no default route.
     */
    Optional<ReviewRequest> route(ReviewRequest request) {
        if (request.assignees().named()) {
            return Optional.of(request);
        }
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(request.withAssignees(
                new Assignees(groups, List.of(), request.assignees().excludeUsers())));
    }

    /**
     * What is wrong with a routed request's approval policy: its {@code distinctGroups} must be among the default
     * groups, as the parser holds a request that names its assignees to its {@code assignees.groups}.
     */
    List<String> approvalProblems(ReviewRequest routed) {
        List<String> listed = routed.approval().map(a -> a.distinctGroups()).orElse(List.of());
        return java.util.stream.IntStream.range(0, listed.size())
                .filter(i -> !routed.assignees().groups().contains(listed.get(i)))
                .mapToObj(i -> "approval.distinctGroups[" + i + "]: \"" + listed.get(i)
                        + "\" is not one of the default route's groups (" + String.join(", ", groups)
                        + "): nobody in it could approve")
                .toList();
    }

    /** The history's note on a routed task. */
    String note() {
        return "assigned by default route to group " + String.join(", ", groups);
    }
}
