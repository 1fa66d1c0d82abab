package dev.signoff.web;

import dev.signoff.review.TaskActionException;
import dev.signoff.review.TaskClaims;
import dev.signoff.review.TaskComments;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Claiming, releasing and commenting from the task page: plain form POSTs answered with 303 to the page. With htmx
 * (an {@code HX-Request} header) the answer is the updated section alone, so the page changes in place.
 */
@Path("/tasks/{id}")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class TaskActivityPage {

    private final TaskPage pages;
    private final TaskClaims claims;
    private final TaskComments comments;
    private final CurrentReviewer current;

    TaskActivityPage(TaskPage pages, TaskClaims claims, TaskComments comments, CurrentReviewer current) {
        this.pages = pages;
        this.claims = claims;
        this.comments = comments;
        this.current = current;
    }

    @POST
    @Path("claim")
    public Response claim(
            @PathParam("id") UUID id, @RestForm boolean takeOver, @HeaderParam("HX-Request") boolean htmx) {
        Reviewer reviewer = current.get();
        return act(id, reviewer, htmx, "claim", Map.of(), () -> claims.claim(id, reviewer, takeOver));
    }

    @POST
    @Path("release")
    public Response release(@PathParam("id") UUID id, @HeaderParam("HX-Request") boolean htmx) {
        Reviewer reviewer = current.get();
        return act(id, reviewer, htmx, "claim", Map.of(), () -> claims.release(id, reviewer));
    }

    @POST
    @Path("comments")
    public Response comment(@PathParam("id") UUID id, @RestForm String body, @HeaderParam("HX-Request") boolean htmx) {
        Reviewer reviewer = current.get();
        return act(
                id,
                reviewer,
                htmx,
                "discussion",
                Map.of("commentBody", body == null ? "" : body),
                () -> comments.add(id, reviewer, body));
    }

    private Response act(
            UUID id, Reviewer reviewer, boolean htmx, String section, Map<String, String> form, Runnable action) {
        try {
            action.run();
        } catch (TaskActionException e) {
            // The page again with the reason next to the section, and what the reviewer typed kept.
            Map<String, String> echoed = new HashMap<>(form);
            echoed.put("section", section);
            TaskPageView view = pages.view(id, reviewer, Optional.of(e.getMessage()), echoed);
            return Response.status(ErrorResponses.statusOf(e))
                    .entity(htmx ? TaskPage.fragment(section, view, reviewer) : TaskPage.Templates.task(view, reviewer))
                    .build();
        }
        if (htmx) {
            TaskPageView view = pages.view(id, reviewer, Optional.empty(), Map.of());
            return Response.ok(TaskPage.fragment(section, view, reviewer)).build();
        }
        return Response.seeOther(URI.create("/tasks/" + id + "#" + section)).build();
    }
}
