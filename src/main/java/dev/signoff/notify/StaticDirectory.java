package dev.signoff.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The directory from configuration: {@code signoff.notify.people."<user id>".email/name/groups}. */
@ApplicationScoped
class StaticDirectory implements Directory {

    private final Map<String, NotifyConfig.Person> people;

    StaticDirectory(NotifyConfig config) {
        this.people = config.people();
    }

    @Override
    public Optional<Person> person(String userId) {
        NotifyConfig.Person entry = people.get(userId);
        if (entry == null || entry.email().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new Person(userId, entry.name().orElse(userId), entry.email().get()));
    }

    @Override
    public List<Person> members(String group) {
        return people.entrySet().stream()
                .filter(e -> e.getValue().groups().orElse(List.of()).contains(group))
                .map(e -> person(e.getKey()))
                .flatMap(Optional::stream)
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
    }
}
