package dev.signoff.web;

import dev.signoff.artifacts.ArtifactRefusal;
import java.util.Optional;
import java.util.UUID;

/**
 * One line of the task page's artifact table, from the stored request alone: no S3 call. {@code label}, {@code uri}
 * and {@code type} are agent-written and shown through {@code .shown}.
 *
 * @param refusal why Signoff will not open it (bucket not allowed, path traversal); then no link or preview is offered
 */
public record ArtifactRow(
        UUID taskId,
        int index,
        String label,
        String uri,
        Optional<String> type,
        Optional<Long> sizeBytes,
        Optional<ArtifactRefusal> refusal) {

    public String id() {
        return "artifact-" + index;
    }

    public String href() {
        return "/tasks/" + taskId + "/artifacts/" + index;
    }

    public String downloadHref() {
        return href() + "?download=true";
    }

    public String previewHref() {
        return href() + "/preview";
    }

    public boolean refused() {
        return refusal.isPresent();
    }

    public String refusalReason() {
        return refusal.map(ArtifactRefusal::reason).orElse("");
    }

    public String size() {
        return sizeBytes.map(Sizes::human).orElse("—");
    }

    public String exactSize() {
        return sizeBytes.map(b -> Sizes.count(b) + " bytes").orElse("size not declared");
    }
}
