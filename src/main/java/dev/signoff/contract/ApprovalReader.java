package dev.signoff.contract;

import static dev.signoff.contract.Fields.Kind.LINE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.contract.ReviewRequest.Approval;
import dev.signoff.contract.ReviewRequest.Assignees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the optional {@code approval} policy. Its groups must be assigned groups: a listed group nobody assigned
 * could never approve, and the review would wait for its timeout. A request without assignees is checked against the
 * default route at intake instead, since the parser has no configuration.
 */
final class ApprovalReader {
    private final Problems problems;

    ApprovalReader(Problems problems) {
        this.problems = problems;
    }

    Optional<Approval> read(Optional<ObjectNode> object, String path, Optional<Assignees> assignees) {
        if (object.isEmpty()) {
            return Optional.empty();
        }
        Fields f = new Fields(object.get(), path, problems);
        int before = problems.count();
        Optional<Long> required =
                f.value("required", true) == null ? Optional.empty() : f.integer("required", 1, Limits.MAX_APPROVALS);
        List<String> groups = groups(f.array("distinctGroups", false, Limits.MAX_GROUPS), f.at("distinctGroups"));
        assignees.filter(Assignees::named).ifPresent(named -> {
            for (int i = 0; i < groups.size(); i++) {
                if (!named.groups().contains(groups.get(i))) {
                    problems.add(
                            Problems.index(f.at("distinctGroups"), i),
                            ContractJson.quote(groups.get(i)) + " is not one of assignees.groups: nobody in it"
                                    + " could approve");
                }
            }
        });
        if (required.isPresent() && required.get() < groups.size()) {
            problems.add(
                    f.at("required"),
                    "must be at least the number of distinctGroups (" + groups.size()
                            + "): each listed group needs an approver of its own");
        }
        if (problems.count() > before || required.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Approval(required.get().intValue(), groups));
    }

    private List<String> groups(Optional<ArrayNode> array, String path) {
        List<String> groups = new ArrayList<>();
        array.ifPresent(items -> {
            for (int i = 0; i < Math.min(items.size(), Limits.MAX_GROUPS); i++) {
                JsonNode item = items.get(i);
                String at = Problems.index(path, i);
                Fields.text(item, at, Limits.MAX_PRINCIPAL_CHARS, LINE, problems)
                        .ifPresent(group -> {
                            if (groups.contains(group)) {
                                problems.add(at, ContractJson.quote(group) + " is listed twice");
                            } else {
                                groups.add(group);
                            }
                        });
            }
        });
        return groups;
    }
}
