package dev.signoff.web;

import dev.signoff.artifacts.ArtifactAccessDeniedException;
import dev.signoff.artifacts.ArtifactContent;
import dev.signoff.artifacts.ArtifactException;
import dev.signoff.artifacts.ArtifactHead;
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
import java.io.IOException;
import java.io.OutputStream;
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
        // Only the object's metadata here: the body is opened when the response is written, so a HEAD request, or a
        // response that never gets written, holds no S3 connection.
        ArtifactHead head = store.head(ref);
        if (!head.exists()) {
            throw new ArtifactNotFoundException("task " + taskId + " artifact " + index + " is gone from S3");
        }
        ServingHeaders headers = ServingHeaders.of(ref, head.contentType(), head.size(), maxInlineBytes, download);
        StreamingOutput body = output -> stream(ref, head.size(), output);
        return Response.ok(body)
                .header(HttpHeaders.CONTENT_TYPE, headers.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, head.size())
                .header("Content-Disposition", headers.contentDisposition())
                .header("Content-Security-Policy", headers.contentSecurityPolicy())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .build();
    }

    private void stream(ArtifactRef ref, long announcedSize, OutputStream output) throws IOException {
        try (ArtifactContent content = store.open(ref)) {
            if (content.size() != announcedSize) {
                // Replaced between the HEAD and the GET: better a failed download than bytes that do not match.
                content.abort();
                throw new IOException("artifact " + ref + " changed while it was being served");
            }
            try {
                content.stream().transferTo(output);
            } catch (IOException clientGone) {
                content.abort();
                throw clientGone;
            }
        }
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
