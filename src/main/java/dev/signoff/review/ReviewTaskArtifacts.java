package dev.signoff.review;

import dev.signoff.artifacts.ArtifactRef;
import dev.signoff.artifacts.TaskArtifacts;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.security.CurrentReviewer;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Artifacts as the stored request names them, for reviewers who may see the task. */
@ApplicationScoped
class ReviewTaskArtifacts implements TaskArtifacts {

    private final ReviewService reviews;
    private final CurrentReviewer reviewers;

    ReviewTaskArtifacts(ReviewService reviews, CurrentReviewer reviewers) {
        this.reviews = reviews;
        this.reviewers = reviewers;
    }

    @Override
    public Optional<ArtifactRef> find(UUID taskId, int index, SecurityIdentity who) {
        ReviewTask task;
        try {
            task = reviews.visibleTask(taskId, reviewers.of(who));
        } catch (TaskAccessException notVisible) {
            return Optional.empty();
        }
        List<ReviewRequest.Artifact> artifacts = reviews.request(task).artifacts();
        if (index < 0 || index >= artifacts.size()) {
            return Optional.empty();
        }
        ReviewRequest.Artifact artifact = artifacts.get(index);
        return Optional.of(new ArtifactRef(artifact.bucket(), artifact.key()));
    }
}
