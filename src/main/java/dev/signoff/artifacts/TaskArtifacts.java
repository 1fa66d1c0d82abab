package dev.signoff.artifacts;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves a task's artifact by position, so that a browser only ever names a task and an index, never an S3 location.
 * Implemented by the task storage.
 */
public interface TaskArtifacts {

    /**
     * @return the artifact at {@code index} (0-based) of the task, or empty when the task does not exist, {@code who}
     *     may not see it, or it has no artifact at that index. The three cases look the same on purpose.
     */
    Optional<ArtifactRef> find(UUID taskId, int index, SecurityIdentity who);
}
