package dev.signoff.web;

import dev.signoff.admin.AdminActions;
import dev.signoff.admin.AdminDashboard;
import dev.signoff.admin.AdminLists;
import dev.signoff.admin.Cursor;
import dev.signoff.admin.Failure;
import dev.signoff.admin.Page;
import dev.signoff.admin.Quarantined;
import dev.signoff.admin.Stalled;
import dev.signoff.admin.StalledFilter;
import dev.signoff.admin.StalledGroup;
import dev.signoff.admin.Tiles;
import dev.signoff.admin.Undelivered;
import dev.signoff.admin.UndeliveredNotices;
import dev.signoff.intake.Reprocessing;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The admin dashboard: tiles with counts, the lists behind them, and the actions on failed deliveries and quarantined
 * requests. Admins only: everyone else gets 403 on every page and action. Actions are form POSTs answered with 303.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(
                Reviewer reviewer, AdminView view, Tiles tiles, Page<Undelivered> undelivered);

        static native TemplateInstance notifications(Reviewer reviewer, AdminView view, Page<Undelivered> undelivered);

        static native TemplateInstance stalled(Reviewer reviewer, AdminView view, Stalled stalled);

        static native TemplateInstance failures(Reviewer reviewer, AdminView view, Page<Failure> failures);

        static native TemplateInstance quarantine(
                Reviewer reviewer, AdminView view, Page<Quarantined> entries, String deadLetters);
    }

    private final AdminDashboard dashboard;
    private final AdminLists lists;
    private final AdminActions actions;
    private final UndeliveredNotices undelivered;
    private final CurrentReviewer current;
    private final Clock clock;

    AdminPage(
            AdminDashboard dashboard,
            AdminLists lists,
            AdminActions actions,
            UndeliveredNotices undelivered,
            CurrentReviewer current,
            Clock clock) {
        this.dashboard = dashboard;
        this.lists = lists;
        this.actions = actions;
        this.undelivered = undelivered;
        this.current = current;
        this.clock = clock;
    }

    @GET
    public TemplateInstance dashboard() {
        Reviewer admin = admin();
        return Templates.dashboard(admin, view(null, null), dashboard.tiles(), undelivered.latest());
    }

    /** Mails and chat posts refused for good or given up after retries, newest first. */
    @GET
    @Path("notifications")
    public TemplateInstance notifications(@QueryParam("before") String before) {
        Reviewer admin = admin();
        return Templates.notifications(admin, view(null, null), undelivered.page(cursor(before)));
    }

    @GET
    @Path("stalled")
    public TemplateInstance stalled(
            @QueryParam("only") String only,
            @QueryParam("workflow") String workflow,
            @QueryParam("state") String state,
            @QueryParam("after") String after) {
        Reviewer admin = admin();
        StalledFilter filter = StalledFilter.of(only).orElseThrow(() -> new BadRequestException("Unknown list"));
        return Templates.stalled(
                admin, view(null, null), lists.stalled(filter, StalledGroup.of(workflow, state), cursor(after)));
    }

    @GET
    @Path("failures")
    public TemplateInstance failures(@QueryParam("done") String done, @QueryParam("before") String before) {
        Reviewer admin = admin();
        return Templates.failures(admin, view(notice(done), null), lists.failures(cursor(before)));
    }

    @GET
    @Path("quarantine")
    public TemplateInstance quarantine(@QueryParam("done") String done, @QueryParam("before") String before) {
        Reviewer admin = admin();
        return Templates.quarantine(admin, view(notice(done), null), lists.quarantine(cursor(before)), deadLetters());
    }

    private static Cursor cursor(String text) {
        try {
            return text == null || text.isEmpty() ? null : Cursor.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("This page link is not valid any more; start from the first page.");
        }
    }

    @POST
    @Path("failures/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@PathParam("id") UUID id, @FormParam("note") String note) {
        return onFailures(admin -> actions.retry(admin, id, note), "retried");
    }

    @POST
    @Path("failures/{id}/handled")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response handled(@PathParam("id") UUID id, @FormParam("note") String note) {
        return onFailures(admin -> actions.markHandled(admin, id, note), "handled");
    }

    @POST
    @Path("quarantine/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response dismiss(@PathParam("id") UUID id, @FormParam("note") String note) {
        Reviewer admin = admin();
        try {
            actions.dismiss(admin, id, note);
            return Response.seeOther(URI.create("/admin/quarantine?done=dismissed"))
                    .build();
        } catch (AdminActions.Refused e) {
            return Response.status(409)
                    .entity(Templates.quarantine(
                            admin, view(null, e.getMessage()), lists.quarantine(null), deadLetters()))
                    .build();
        }
    }

    @POST
    @Path("quarantine/{id}/reprocess")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reprocess(@PathParam("id") UUID id, @FormParam("note") String note) {
        Reviewer admin = admin();
        try {
            Reprocessing.Outcome outcome = actions.reprocess(admin, id, note);
            return Response.seeOther(URI.create(
                            outcome.created()
                                    ? "/tasks/" + outcome.taskId() + "?done=reprocessed"
                                    : "/admin/quarantine?done=still-invalid#quarantine-" + id))
                    .build();
        } catch (AdminActions.Refused e) {
            return Response.status(409)
                    .entity(Templates.quarantine(
                            admin, view(null, e.getMessage()), lists.quarantine(null), deadLetters()))
                    .build();
        }
    }

    private Response onFailures(Consumer<Reviewer> action, String done) {
        Reviewer admin = admin();
        try {
            action.accept(admin);
            return Response.seeOther(URI.create("/admin/failures?done=" + done)).build();
        } catch (AdminActions.Refused e) {
            return Response.status(409)
                    .entity(Templates.failures(admin, view(null, e.getMessage()), lists.failures(null)))
                    .build();
        }
    }

    private String deadLetters() {
        var depth = dashboard.deadLetters();
        return depth.isPresent() ? AdminView.count(depth.getAsLong()) : "unknown";
    }

    /** Every page and action starts here: a reviewer who is not an admin gets 403 before anything is read. */
    private Reviewer admin() {
        Reviewer reviewer = current.get();
        AdminActions.requireAdmin(reviewer);
        return reviewer;
    }

    private AdminView view(String notice, String problem) {
        return new AdminView(clock.instant(), notice, problem);
    }

    /** Fixed words for each outcome: nothing a client sends is echoed back. */
    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "retried" -> "Queued to be sent again. Its status updates once the workflow answers.";
            case "handled" -> "Marked handled; the note is in the audit trail.";
            case "dismissed" -> "Dismissed; the note is in the audit trail.";
            case "still-invalid" ->
                "Re-processed, and still not a valid review request: it stays here with the reasons as Signoff reads"
                        + " it now.";
            default -> null;
        };
    }
}
