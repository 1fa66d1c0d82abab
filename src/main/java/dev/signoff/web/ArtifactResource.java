package dev.signoff.web;

import dev.signoff.artifacts.ArtifactAccessDeniedException;
import dev.signoff.artifacts.ArtifactContent;
import dev.signoff.artifacts.ArtifactException;
import dev.signoff.artifacts.ArtifactHead;
import dev.signoff.artifacts.ArtifactKeyRefusedException;
import dev.signoff.artifacts.ArtifactNotFoundException;
import dev.signoff.artifacts.ArtifactRef;
import dev.signoff.artifacts.ArtifactRefusal;
import dev.signoff.artifacts.ArtifactStore;
import dev.signoff.artifacts.ArtifactTooLargeException;
import dev.signoff.artifacts.ArtifactsConfig;
import dev.signoff.artifacts.TaskArtifacts;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Streams a task's artifact to a signed-in reviewer. The browser names only the task and the artifact's position; the
 * S3 location comes from the stored task, so no request can point Signoff at another object. A single byte range is
 * honoured (206), which is how PDF viewers and media players fetch large files; bodies are streamed, never held.
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
            @PathParam("taskId") UUID taskId,
            @PathParam("index") int index,
            @QueryParam("download") boolean download,
            @HeaderParam("Range") String rangeHeader,
            @HeaderParam("If-Range") String ifRange,
            @Context HttpServerResponse raw) {
        // The pages' CSP (quarkus.http.header) is already on the response; a browser enforces every CSP it gets, so
        // the artifact's own policy replaces it rather than joining it.
        raw.headers().remove("Content-Security-Policy");
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
        // No validator is ever sent, so an If-Range can never match: the RFC says to send the whole object then.
        ByteRange range = ifRange == null ? ByteRange.of(rangeHeader, head.size()) : ByteRange.WHOLE;
        if (range == ByteRange.UNSATISFIABLE) {
            return protect(Response.status(416), headers)
                    .header("Content-Range", "bytes */" + head.size())
                    .build();
        }
        if (range.partial()) {
            StreamingOutput part = output -> streamRange(ref, range, head.size(), output);
            return protect(Response.status(206).entity(part), headers)
                    .header(HttpHeaders.CONTENT_LENGTH, range.length())
                    .header("Content-Range", range.contentRange(head.size()))
                    .build();
        }
        StreamingOutput body = output -> stream(ref, head.size(), output);
        return protect(Response.ok(body), headers)
                .header(HttpHeaders.CONTENT_LENGTH, head.size())
                .build();
    }

    private static Response.ResponseBuilder protect(Response.ResponseBuilder response, ServingHeaders headers) {
        return response.header(HttpHeaders.CONTENT_TYPE, headers.contentType())
                .header("Content-Disposition", headers.contentDisposition())
                .header("Content-Security-Policy", headers.contentSecurityPolicy())
                .header("X-Content-Type-Options", "nosniff")
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }

    private void streamRange(ArtifactRef ref, ByteRange range, long size, OutputStream output) throws IOException {
        try (ArtifactContent content = store.openRange(ref, range.first(), range.last(), size)) {
            copy(content, output);
        }
    }

    private void stream(ArtifactRef ref, long announcedSize, OutputStream output) throws IOException {
        try (ArtifactContent content = store.open(ref)) {
            if (content.size() != announcedSize) {
                // Replaced between the HEAD and the GET: better a failed download than bytes that do not match.
                content.abort();
                throw new IOException("artifact " + ref + " changed while it was being served");
            }
            copy(content, output);
        }
    }

    private static void copy(ArtifactContent content, OutputStream output) throws IOException {
        try {
            content.stream().transferTo(output);
        } catch (IOException clientGone) {
            content.abort();
            throw clientGone;
        }
    }

    @ServerExceptionMapper
    Response artifactFailure(ArtifactException failure, HttpHeaders request) {
        if (failure instanceof ArtifactNotFoundException) {
            return problem(request, Response.Status.NOT_FOUND, "Not found", "Artifact not found.");
        }
        if (failure instanceof ArtifactKeyRefusedException) {
            // The stored request names the key, not this caller; still, the answer must say it was refused, not
            // that storage failed.
            return problem(
                    request, 422, "Refused artifact key", "Refused: " + ArtifactRefusal.PATH_TRAVERSAL.reason() + ".");
        }
        if (failure instanceof ArtifactAccessDeniedException) {
            return problem(
                    request, Response.Status.FORBIDDEN, "Not allowed", "Signoff is not allowed to read this artifact.");
        }
        if (failure instanceof ArtifactTooLargeException) {
            return problem(
                    request,
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "Too large",
                    "Artifact is too large to preview.");
        }
        return problem(
                request,
                Response.Status.SERVICE_UNAVAILABLE,
                "Storage unavailable",
                "Artifact storage is unavailable. Try again later.");
    }

    private static Response problem(HttpHeaders request, Response.Status status, String title, String detail) {
        return problem(request, status.getStatusCode(), title, detail);
    }

    /* Problem JSON (RFC 9457) for a client that asks for JSON, one line of text for a browser tab. */
    private static Response problem(HttpHeaders request, int status, String title, String detail) {
        boolean json = request.getAcceptableMediaTypes().stream()
                .anyMatch(m -> !m.isWildcardType() && m.getSubtype().endsWith("json"));
        Response.ResponseBuilder response = Response.status(status)
                .header("Content-Security-Policy", ServingHeaders.SANDBOX)
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        if (!json) {
            return response.type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity(detail + "\n")
                    .build();
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return response.type("application/problem+json").entity(problem).build();
    }
}
