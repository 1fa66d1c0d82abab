package dev.signoff.web;

import dev.signoff.artifacts.ArtifactAccessDeniedException;
import dev.signoff.artifacts.ArtifactContent;
import dev.signoff.artifacts.ArtifactException;
import dev.signoff.artifacts.ArtifactNotFoundException;
import dev.signoff.artifacts.ArtifactRef;
import dev.signoff.artifacts.ArtifactStore;
import dev.signoff.artifacts.ArtifactTooLargeException;
import dev.signoff.artifacts.ArtifactsConfig;
import dev.signoff.artifacts.TaskArtifacts;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Streams a task's artifact to a signed-in reviewer. The browser names only the task and the artifact's position; the
 * S3 location comes from the stored task, so no request can point Signoff at another object.
 */
@Path("/tasks/{taskId}/artifacts/{index}")
@Authenticated
public class ArtifactResource {

    private static final String CACHE_CONTROL = "private, no-store";

    private final TaskArtifacts taskArtifacts;
    private final ArtifactStore store;
    private final SecurityIdentity identity;
    private final long maxInlineBytes;

    ArtifactResource(
            TaskArtifacts taskArtifacts, ArtifactStore store, SecurityIdentity identity, ArtifactsConfig config) {
        this.taskArtifacts = taskArtifacts;
        this.store = store;
        this.identity = identity;
        this.maxInlineBytes = config.maxPreviewSize().asLongValue();
    }

    /** @param download true to get an attachment even for a type the browser could show */
    @GET
    public Response get(
            @PathParam("taskId") UUID taskId, @PathParam("index") int index, @QueryParam("download") boolean download) {
        ArtifactRef ref = taskArtifacts
                .find(taskId, index, identity)
                .orElseThrow(() -> new ArtifactNotFoundException("task " + taskId + " has no artifact " + index));
        ArtifactContent content = store.open(ref);
        ServingHeaders headers =
                ServingHeaders.of(ref, content.contentType(), content.size(), maxInlineBytes, download);
        StreamingOutput body = output -> {
            try (content) {
                content.stream().transferTo(output);
            }
        };
        return Response.ok(body)
                .header(HttpHeaders.CONTENT_TYPE, headers.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, content.size())
                .header("Content-Disposition", headers.contentDisposition())
                .header("Content-Security-Policy", headers.contentSecurityPolicy())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .build();
    }

    @ServerExceptionMapper
    Response artifactFailure(ArtifactException failure) {
        if (failure instanceof ArtifactNotFoundException) {
            return plain(Response.Status.NOT_FOUND, "Artifact not found.");
        }
        if (failure instanceof ArtifactAccessDeniedException) {
            return plain(Response.Status.FORBIDDEN, "Signoff is not allowed to read this artifact.");
        }
        if (failure instanceof ArtifactTooLargeException) {
            return plain(Response.Status.REQUEST_ENTITY_TOO_LARGE, "Artifact is too large to preview.");
        }
        return plain(Response.Status.SERVICE_UNAVAILABLE, "Artifact storage is unavailable. Try again later.");
    }

    private static Response plain(Response.Status status, String message) {
        return Response.status(status)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .entity(message + "\n")
                .build();
    }
}
