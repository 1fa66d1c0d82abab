package dev.signoff.web;

import dev.signoff.artifacts.ArtifactRef;
import dev.signoff.artifacts.TaskArtifacts;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * An artifact's preview, loaded by the task page only when the reviewer scrolls to it (htmx, {@code intersect once}: like {@code revealed}, but it also fires when a resize rather than a scroll brings it into view), so
 * rendering the task page itself calls S3 not once. htmx gets the fragment; without JavaScript the "Show preview"
 * link opens the same preview as a page of its own.
 */
@Path("/tasks/{taskId}/artifacts/{index}/preview")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ArtifactPreviewPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance fragment(ArtifactPreviewView preview);

        static native TemplateInstance page(ArtifactPreviewView preview, Reviewer reviewer);
    }

    private final TaskArtifacts taskArtifacts;
    private final ArtifactPreviews previews;
    private final SecurityIdentity identity;
    private final CurrentReviewer current;

    ArtifactPreviewPage(
            TaskArtifacts taskArtifacts,
            ArtifactPreviews previews,
            SecurityIdentity identity,
            CurrentReviewer current) {
        this.taskArtifacts = taskArtifacts;
        this.previews = previews;
        this.identity = identity;
        this.current = current;
    }

    @GET
    public TemplateInstance show(
            @PathParam("taskId") UUID taskId, @PathParam("index") int index, @HeaderParam("HX-Request") boolean htmx) {
        ArtifactRef ref = taskArtifacts
                .find(taskId, index, identity)
                .orElseThrow(() -> new NotFoundException("This task has no such artifact, or you may not see it."));
        ArtifactPreviewView preview = previews.preview(taskId, index, ref);
        return htmx ? Templates.fragment(preview) : Templates.page(preview, current.get());
    }
}
