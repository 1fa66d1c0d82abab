package dev.signoff.web;

import dev.signoff.review.ReviewService;
import dev.signoff.review.TaskSummary;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** A reviewer's inbox: what waits for them, then what closed recently. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class InboxPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance inbox(
                Reviewer reviewer, ReviewService.Inbox pending, List<TaskSummary> recent, int limit);
    }

    private final ReviewService reviews;
    private final CurrentReviewer current;

    InboxPage(ReviewService reviews, CurrentReviewer current) {
        this.reviews = reviews;
        this.current = current;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/inbox")).build();
    }

    @GET
    @Path("inbox")
    public TemplateInstance inbox() {
        Reviewer reviewer = current.get();
        return Templates.inbox(
                reviewer, reviews.inbox(reviewer), reviews.recentlyClosed(reviewer, 20), ReviewService.INBOX_LIMIT);
    }
}
