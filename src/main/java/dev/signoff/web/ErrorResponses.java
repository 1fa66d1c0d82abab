package dev.signoff.web;

import dev.signoff.admin.AdminActions;
import dev.signoff.decision.DecisionException;
import dev.signoff.review.InvalidCursorException;
import dev.signoff.review.TaskAccessException;
import dev.signoff.review.TaskActionException;
import dev.signoff.review.ViewNotAllowedException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as an HTML page or, for the API, as problem JSON (RFC 9457) — never as a stack trace.
 * Unexpected errors are logged with an id that the response repeats, so a report can be matched to the log.
 */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    @CheckedTemplate(basePath = "ErrorPages")
    static class Templates {
        static native TemplateInstance error(String title, String message);
    }

    @ServerExceptionMapper
    Response notVisible(TaskAccessException e, UriInfo uri, HttpHeaders headers) {
        return respond(404, "Not found", e.getMessage(), uri, headers, Map.of());
    }

    @ServerExceptionMapper
    Response invalidCursor(InvalidCursorException e, UriInfo uri, HttpHeaders headers) {
        return respond(400, "Bad request", e.getMessage(), uri, headers, Map.of());
    }

    @ServerExceptionMapper
    Response viewNotAllowed(ViewNotAllowedException e, UriInfo uri, HttpHeaders headers) {
        return respond(403, "Not allowed", e.getMessage(), uri, headers, Map.of());
    }

    @ServerExceptionMapper
    Response adminRefused(AdminActions.Refused e, UriInfo uri, HttpHeaders headers) {
        int status = e.status();
        return respond(status, title(status), e.getMessage(), uri, headers, Map.of());
    }

    /** The HTTP status of a refused decision, for the API and the decision form alike. */
    public static int statusOf(DecisionException e) {
        return switch (e.reason()) {
            case NOT_ASSIGNED, REQUESTER, EXCLUDED -> 403;
            case ALREADY_DECIDED, ALREADY_APPROVED, CLOSED -> 409;
            case INVALID -> 422;
        };
    }

    /** The HTTP status of a refused claim, release or comment. */
    public static int statusOf(TaskActionException e) {
        return switch (e.reason()) {
            case NOT_ASSIGNED, NOT_ALLOWED -> 403;
            case HELD_BY_OTHER, CLOSED, NOT_HELD -> 409;
            case INVALID -> 422;
        };
    }

    @ServerExceptionMapper
    Response taskAction(TaskActionException e, UriInfo uri, HttpHeaders headers) {
        int status = statusOf(e);
        return respond(
                status,
                title(status),
                e.getMessage(),
                uri,
                headers,
                Map.of("reason", e.reason().name()));
    }

    @ServerExceptionMapper
    Response decision(DecisionException e, UriInfo uri, HttpHeaders headers) {
        int status = statusOf(e);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("reason", e.reason().name());
        e.existing().ifPresent(d -> extra.put("decision", d));
        return respond(status, title(status), e.getMessage(), uri, headers, extra);
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        String message = status >= 500 ? "The server could not complete this request." : e.getMessage();
        return respond(status, title(status), message, uri, headers, Map.of());
    }

    @ServerExceptionMapper
    Response unexpected(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, uri.getPath());
        return respond(
                500,
                "Something went wrong",
                "Signoff could not complete this request. Error id: " + errorId,
                uri,
                headers,
                Map.of("errorId", errorId));
    }

    private static Response respond(
            int status, String title, String detail, UriInfo uri, HttpHeaders headers, Map<String, Object> extra) {
        if (wantsJson(uri, headers)) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title);
            problem.put("status", status);
            problem.put("detail", detail);
            problem.put("instance", uri.getPath());
            problem.putAll(extra);
            return Response.status(status)
                    .type("application/problem+json")
                    .entity(problem)
                    .build();
        }
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(title, detail))
                .build();
    }

    private static boolean wantsJson(UriInfo uri, HttpHeaders headers) {
        if (uri.getPath().startsWith("/api/")) {
            return true;
        }
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !m.isWildcardType());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 415 -> "Unsupported media type";
            case 422 -> "Cannot accept this";
            default -> status >= 500 ? "Something went wrong" : "Request failed";
        };
    }
}
