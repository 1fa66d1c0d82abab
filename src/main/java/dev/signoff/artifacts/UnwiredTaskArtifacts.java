package dev.signoff.artifacts;

import io.quarkus.arc.DefaultBean;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Stands in until the task storage provides {@link TaskArtifacts}: knows no task, so every download is a 404. */
@DefaultBean
@ApplicationScoped
class UnwiredTaskArtifacts implements TaskArtifacts {

    private static final Logger LOG = Logger.getLogger(UnwiredTaskArtifacts.class);

    @PostConstruct
    void warn() {
        LOG.warn("No TaskArtifacts implementation is deployed; artifact downloads will answer 404");
    }

    @Override
    public Optional<ArtifactRef> find(UUID taskId, int index, SecurityIdentity who) {
        return Optional.empty();
    }
}
