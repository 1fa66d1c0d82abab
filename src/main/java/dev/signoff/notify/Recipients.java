package dev.signoff.notify;

import dev.signoff.contract.ReviewRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who should hear of a task: the users a request names and the members of its groups (through the {@link Directory}),
 * each once, without the excluded users and without the requester, who may not decide their own request.
 */
@ApplicationScoped
class Recipients {

    private final Directory directory;

    Recipients(Directory directory) {
        this.directory = directory;
    }

    List<Person> assignees(ReviewRequest request) {
        Map<String, Person> byId = new LinkedHashMap<>();
        request.assignees().users().forEach(user -> directory.person(user).ifPresent(p -> byId.putIfAbsent(p.id(), p)));
        request.assignees()
                .groups()
                .forEach(group -> directory.members(group).forEach(p -> byId.putIfAbsent(p.id(), p)));
        request.assignees().excludeUsers().forEach(byId::remove);
        request.requestedBy().ifPresent(byId::remove);
        return List.copyOf(byId.values());
    }

    /** The requester, when it is a person the directory can reach (outcome notices). */
    Optional<Person> requester(ReviewRequest request) {
        return request.requestedBy().flatMap(directory::person);
    }
}
