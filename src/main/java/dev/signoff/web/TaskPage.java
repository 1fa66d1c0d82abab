package dev.signoff.web;

import dev.signoff.audit.AuditEvent;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.decision.DecisionCommand;
import dev.signoff.decision.DecisionException;
import dev.signoff.decision.DecisionService;
import dev.signoff.review.ReviewService;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskClaims;
import dev.signoff.review.TaskComments;
import dev.signoff.review.TaskStatus;
import dev.signoff.review.TaskSummary;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;

/** The task page and its decision form. The form is a plain POST answered with 303, enhanced by htmx. */
@Path("/tasks/{id}")
@Produces(MediaType.TEXT_HTML)
public class TaskPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance task(TaskPageView view, Reviewer reviewer);

        static native TemplateInstance task$claim(TaskPageView view, Reviewer reviewer);

        static native TemplateInstance task$discussion(TaskPageView view, Reviewer reviewer);

        /** The history, to replace the page's own out of band (htmx) when a section changed. */
        static native TemplateInstance historyUpdate(TaskPageView view);
    }

    /** One section of the page for htmx to swap in place, with the history that now includes the change. */
    static String fragment(String section, TaskPageView view, Reviewer reviewer) {
        TemplateInstance part = switch (section) {
            case "claim" -> Templates.task$claim(view, reviewer);
            case "discussion" -> Templates.task$discussion(view, reviewer);
            default -> throw new IllegalArgumentException("No fragment " + section);
        };
        return part.render() + Templates.historyUpdate(view).render();
    }

    private final ReviewService reviews;
    private final DecisionService decisions;
    private final TaskClaims claims;
    private final TaskComments comments;
    private final CurrentReviewer current;
    private final Clock clock;

    TaskPage(
            ReviewService reviews,
            DecisionService decisions,
            TaskClaims claims,
            TaskComments comments,
            CurrentReviewer current,
            Clock clock) {
        this.reviews = reviews;
        this.decisions = decisions;
        this.claims = claims;
        this.comments = comments;
        this.current = current;
        this.clock = clock;
    }

    @GET
    public TemplateInstance show(@PathParam("id") UUID id) {
        Reviewer reviewer = current.get();
        TaskPageView view = view(id, reviewer, Optional.empty(), Map.of());
        // Only the audit trail learns of the view (once per reviewer); the task itself does not change.
        reviews.recordFirstView(id, reviewer);
        return Templates.task(view, reviewer);
    }

    @POST
    @Path("decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(
            @PathParam("id") UUID id,
            @RestForm String decision,
            @RestForm String comment,
            @RestForm String reasonCode,
            @RestForm String output,
            @RestForm String idempotencyKey) {
        Reviewer reviewer = current.get();
        Outcome outcome = Outcome.fromWire(decision == null ? "" : decision).orElse(null);
        try {
            decisions.decide(id, new DecisionCommand(outcome, comment, reasonCode, output, idempotencyKey), reviewer);
            return Response.seeOther(URI.create("/tasks/" + id)).build();
        } catch (DecisionException e) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("decision", decision == null ? "" : decision);
            form.put("comment", comment == null ? "" : comment);
            form.put("reasonCode", reasonCode == null ? "" : reasonCode);
            form.put("output", output == null ? "" : output);
            TemplateInstance page = Templates.task(view(id, reviewer, Optional.of(e.getMessage()), form), reviewer);
            return Response.status(ErrorResponses.statusOf(e)).entity(page).build();
        }
    }

    TaskPageView view(UUID id, Reviewer reviewer, Optional<String> error, Map<String, String> form) {
        ReviewTask task = reviews.visibleTask(id, reviewer);
        var decision = decisions.decisionFor(id);
        boolean assigned = reviews.isAssigned(id, reviewer);
        boolean canDecide = task.status() == TaskStatus.PENDING && assigned;
        var activity = new TaskPageView.TaskActivity(
                clock.instant(),
                claims.activeClaim(task),
                comments.forTask(id, reviewer),
                task.status() == TaskStatus.PENDING && (assigned || reviewer.isAdmin()),
                reviewer.isAdmin(),
                reviewer.id());
        return new TaskPageView(
                TaskSummary.of(task),
                reviews.request(task),
                decision,
                reviews.assignees(id),
                AuditEvent.forTask(id),
                canDecide,
                UUID.randomUUID().toString(),
                error,
                form,
                activity);
    }
}
