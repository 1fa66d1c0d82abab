package dev.signoff.web;

import dev.signoff.admin.AdminActions;
import dev.signoff.admin.Analytics;
import dev.signoff.admin.AnalyticsWindow;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * The admin analytics page: per-workflow figures over a window, with charts drawn on the server as SVG. The window
 * and the workflow live in the URL (a GET form), so a view can be bookmarked and shared. Admins only, 403 for others.
 */
@Path("/admin/analytics")
@Produces(MediaType.TEXT_HTML)
public class AnalyticsPage {

    /** State machine names are at most 80 characters; anything much longer names no workflow. */
    private static final int MAX_WORKFLOW = 256;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(Reviewer reviewer, AdminView view, AnalyticsView analytics);
    }

    private final Analytics analytics;
    private final CurrentReviewer current;
    private final Clock clock;

    AnalyticsPage(Analytics analytics, CurrentReviewer current, Clock clock) {
        this.analytics = analytics;
        this.current = current;
        this.clock = clock;
    }

    @GET
    public TemplateInstance page(@QueryParam("window") String window, @QueryParam("workflow") String workflow) {
        Reviewer admin = current.get();
        AdminActions.requireAdmin(admin);
        AnalyticsWindow chosen = AnalyticsWindow.of(window)
                .orElseThrow(() -> new BadRequestException("Unknown window: choose 24h, 7d, 30d or 90d."));
        String name = workflow == null || workflow.isBlank() ? null : workflow.strip();
        if (name != null && name.length() > MAX_WORKFLOW) {
            throw new BadRequestException("No workflow has a name that long.");
        }
        return Templates.page(
                admin, new AdminView(clock.instant(), null, null), new AnalyticsView(analytics.report(chosen, name)));
    }
}
