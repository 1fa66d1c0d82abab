package dev.signoff.artifacts;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Task storage for the artifact tests: each task belongs to one user and lists its artifacts in order. */
@Alternative
@ApplicationScoped
public class InMemoryTaskArtifacts implements TaskArtifacts {

    private record Task(String owner, List<ArtifactRef> artifacts) {}

    private final Map<UUID, Task> tasks = new ConcurrentHashMap<>();

    public UUID addTask(String owner, ArtifactRef... artifacts) {
        UUID id = UUID.randomUUID();
        tasks.put(id, new Task(owner, List.of(artifacts)));
        return id;
    }

    @Override
    public Optional<ArtifactRef> find(UUID taskId, int index, SecurityIdentity who) {
        Task task = tasks.get(taskId);
        if (task == null
                || who.isAnonymous()
                || !task.owner().equals(who.getPrincipal().getName())) {
            return Optional.empty();
        }
        if (index < 0 || index >= task.artifacts().size()) {
            return Optional.empty();
        }
        return Optional.of(task.artifacts().get(index));
    }
}
