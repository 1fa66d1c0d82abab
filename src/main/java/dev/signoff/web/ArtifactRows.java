package dev.signoff.web;

import dev.signoff.artifacts.ArtifactRef;
import dev.signoff.artifacts.ArtifactRefusal;
import dev.signoff.artifacts.ArtifactStore;
import dev.signoff.contract.ReviewRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The artifact table of the task page ({@code {inject:artifactRows.of(...)}} in tags/taskArtifacts.html). Each row is
 * checked against the bucket allowlist and for path traversal when the page renders, so a refused artifact is flagged
 * before anyone clicks it, and the page still calls S3 not once (previews load afterwards, each on its own).
 */
@Named("artifactRows")
@ApplicationScoped
public class ArtifactRows {

    private final ArtifactStore store;

    ArtifactRows(ArtifactStore store) {
        this.store = store;
    }

    public List<ArtifactRow> of(UUID taskId, ReviewRequest request) {
        List<ArtifactRow> rows = new ArrayList<>();
        List<ReviewRequest.Artifact> artifacts = request.artifacts();
        for (int i = 0; i < artifacts.size(); i++) {
            ReviewRequest.Artifact a = artifacts.get(i);
            Optional<ArtifactRefusal> refusal = store.refusal(new ArtifactRef(a.bucket(), a.key()));
            rows.add(new ArtifactRow(taskId, i, a.label(), a.uri(), a.contentType(), a.sizeBytes(), refusal));
        }
        return rows;
    }

    /**
     * The index of the artifact a finding cites: {@code Finding.artifactRefs} holds artifact labels (unique within a
     * request, checked by the parser), and the task page gives each artifact the anchor {@code #artifact-<index>}.
     */
    public static OptionalInt indexOf(ReviewRequest request, String label) {
        List<ReviewRequest.Artifact> artifacts = request.artifacts();
        for (int i = 0; i < artifacts.size(); i++) {
            if (artifacts.get(i).label().equals(label)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** {@code #artifact-<index>} for a finding's artifactRef, or "" when no artifact has that label. */
    public static String anchorOf(ReviewRequest request, String label) {
        OptionalInt index = indexOf(request, label);
        return index.isPresent() ? "#artifact-" + index.getAsInt() : "";
    }
}
