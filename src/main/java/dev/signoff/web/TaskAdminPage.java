package dev.signoff.web;

import dev.signoff.admin.AdminActions;
import dev.signoff.admin.TaskActions;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import jakarta.ws.rs.Consumes;
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
 * The task page's Admin section: reassign, change the review's closing time, cancel. Admins only (403 for everyone
 * else, before anything is read). Form POSTs answered with 303 to the task page and a notice; a refused one shows
 * the page again with the reason in the section and what the admin typed kept (422 bad input, 409 no longer waiting).
 */
@Path("/tasks/{id}/admin")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class TaskAdminPage {

    private final TaskPage pages;
    private final TaskActions actions;
    private final CurrentReviewer current;

    TaskAdminPage(TaskPage pages, TaskActions actions, CurrentReviewer current) {
        this.pages = pages;
        this.actions = actions;
        this.current = current;
    }

    @POST
    @Path("reassign")
    public Response reassign(
            @PathParam("id") UUID id, @RestForm String groups, @RestForm String users, @RestForm String reason) {
        Reviewer admin = admin();
        return act(
                id,
                admin,
                "reassigned",
                Map.of("action", "reassign", "groups", text(groups), "users", text(users), "reason", text(reason)),
                () -> actions.reassign(admin, id, groups, users, reason));
    }

    @POST
    @Path("expiry")
    public Response expiry(@PathParam("id") UUID id, @RestForm String expiresAt, @RestForm String reason) {
        Reviewer admin = admin();
        return act(
                id,
                admin,
                "expiry",
                Map.of("action", "expiry", "expiresAt", text(expiresAt), "reason", text(reason)),
                () -> actions.changeExpiry(admin, id, expiresAt, reason));
    }

    @POST
    @Path("cancel")
    public Response cancel(@PathParam("id") UUID id, @RestForm String reason) {
        Reviewer admin = admin();
        return act(
                id,
                admin,
                "cancelled",
                Map.of("action", "cancel", "reason", text(reason)),
                () -> actions.cancel(admin, id, reason));
    }

    private Response act(UUID id, Reviewer admin, String done, Map<String, String> form, Runnable action) {
        try {
            action.run();
        } catch (AdminActions.Refused e) {
            if (e.forbidden()) {
                throw e;
            }
            Map<String, String> echoed = new HashMap<>(form);
            echoed.put("section", "admin");
            TaskPageView view = pages.view(id, admin, Optional.of(e.getMessage()), echoed);
            return Response.status(e.status())
                    .entity(TaskPage.Templates.task(view, admin))
                    .build();
        }
        return Response.seeOther(URI.create("/tasks/" + id + "?done=" + done + "#admin"))
                .build();
    }

    private Reviewer admin() {
        Reviewer reviewer = current.get();
        AdminActions.requireAdmin(reviewer);
        return reviewer;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
