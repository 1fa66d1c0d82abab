package dev.signoff.web;

import dev.signoff.review.ReviewService;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;

/**
 * A reviewer's inbox: views (mine, unassigned, claimed by me, recently closed, all for admins) with filters, a sort
 * and keyset paging, all in the URL. With htmx, the filter form and the paging links swap only the results.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class InboxPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance inbox(Reviewer reviewer, InboxView inbox);

        static native TemplateInstance inbox$results(InboxView inbox);
    }

    private final ReviewService reviews;
    private final CurrentReviewer current;
    private final Clock clock;

    InboxPage(ReviewService reviews, CurrentReviewer current, Clock clock) {
        this.reviews = reviews;
        this.current = current;
        this.clock = clock;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/inbox")).build();
    }

    @GET
    @Path("inbox")
    public TemplateInstance inbox(@BeanParam InboxParams params, @HeaderParam("HX-Target") String target) {
        Reviewer reviewer = current.get();
        var query = params.query(dev.signoff.review.InboxQuery.DEFAULT_SIZE);
        InboxView view = new InboxView(query, reviews.inbox(reviewer, query), clock.instant());
        return "results".equals(target) ? Templates.inbox$results(view) : Templates.inbox(reviewer, view);
    }
}
