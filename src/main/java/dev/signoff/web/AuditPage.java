package dev.signoff.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.admin.AdminActions;
import dev.signoff.admin.AuditEntry;
import dev.signoff.admin.AuditFilter;
import dev.signoff.admin.AuditTrail;
import dev.signoff.admin.Cursor;
import dev.signoff.admin.Page;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The audit trail for admins: search by task, actor, type and time (all in the URL), newest first, and the same
 * search exported as CSV or JSON lines. Admins only, 403 for everyone else before anything is read. Only GETs: the
 * trail is read here, never changed.
 */
@Path("/admin/audit")
public class AuditPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(
                Reviewer reviewer,
                AdminView view,
                AuditFilter filter,
                Page<AuditEntry> events,
                java.util.List<String> types);
    }

    private final AuditTrail trail;
    private final CurrentReviewer current;
    private final ObjectMapper json;
    private final Clock clock;

    AuditPage(AuditTrail trail, CurrentReviewer current, ObjectMapper json, Clock clock) {
        this.trail = trail;
        this.current = current;
        this.json = json;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@BeanParam FilterParams params, @QueryParam("before") String before) {
        Reviewer admin = admin();
        AuditFilter filter = params.filter();
        return Templates.page(
                admin,
                new AdminView(clock.instant(), null, null),
                filter,
                trail.page(filter, cursor(before)),
                HistoryLabels.types());
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response csv(@BeanParam FilterParams params) {
        admin();
        AuditFilter filter = params.filter();
        StreamingOutput body = out -> AuditExport.csv(trail, filter, out);
        return attachment(body, "text/csv; charset=UTF-8", "csv");
    }

    @GET
    @Path("export.jsonl")
    @Produces("application/x-ndjson")
    public Response jsonLines(@BeanParam FilterParams params) {
        admin();
        AuditFilter filter = params.filter();
        StreamingOutput body = out -> AuditExport.jsonLines(trail, filter, json, out);
        return attachment(body, "application/x-ndjson; charset=UTF-8", "jsonl");
    }

    private Response attachment(StreamingOutput body, String type, String extension) {
        String name = "signoff-audit-"
                + clock.instant().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "")
                + "." + extension;
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The search, the same for the page and both exports. */
    public static class FilterParams {
        @QueryParam("task")
        String task;

        @QueryParam("actor")
        String actor;

        @QueryParam("type")
        String type;

        @QueryParam("from")
        String from;

        @QueryParam("to")
        String to;

        AuditFilter filter() {
            try {
                return AuditFilter.of(task, actor, type, from, to);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
        }
    }

    private static Cursor cursor(String text) {
        try {
            return text == null || text.isEmpty() ? null : Cursor.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("This page link is not valid any more; start from the first page.");
        }
    }

    /** A reviewer who is not an admin gets 403 before anything is read. */
    private Reviewer admin() {
        Reviewer reviewer = current.get();
        AdminActions.requireAdmin(reviewer);
        return reviewer;
    }
}
