package dev.signoff.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.decision.DecisionCommand;
import dev.signoff.decision.DecisionException;
import dev.signoff.decision.DecisionService;
import dev.signoff.decision.DecisionView;
import dev.signoff.review.ReviewService;
import dev.signoff.review.TaskSummary;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The reviewer operations as JSON, for integrations and tests. Errors come back as problem JSON. */
@Path("/api/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review tasks")
public class ReviewApi {

    private final TaskPage pages;
    private final ReviewService reviews;
    private final DecisionService decisions;
    private final CurrentReviewer current;

    ReviewApi(TaskPage pages, ReviewService reviews, DecisionService decisions, CurrentReviewer current) {
        this.pages = pages;
        this.reviews = reviews;
        this.decisions = decisions;
        this.current = current;
    }

    /** Set to {@code true} when more open tasks match than the list holds. */
    static final String MORE_HEADER = "Signoff-More-Tasks";

    @GET
    @Operation(
            summary = "Open tasks assigned to the caller or their groups, soonest due first",
            description = "At most " + ReviewService.INBOX_LIMIT + " tasks; the header " + MORE_HEADER
                    + ": true says more are waiting.")
    public RestResponse<List<TaskSummary>> inbox() {
        ReviewService.Inbox inbox = reviews.inbox(current.get());
        RestResponse.ResponseBuilder<List<TaskSummary>> response = RestResponse.ResponseBuilder.ok(inbox.tasks());
        if (inbox.more()) {
            response.header(MORE_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One task with its request, assignees and decision")
    public ReviewApiViews.TaskDetail task(@PathParam("id") UUID id) {
        Reviewer reviewer = current.get();
        TaskPageView view = pages.view(id, reviewer, Optional.empty(), Map.of());
        return ReviewApiViews.detail(view, reviews.visibleTask(id, reviewer));
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide a task: approve (optionally with an edited output), reject or request changes")
    public DecisionView decide(@PathParam("id") UUID id, ReviewApiViews.DecisionBody body) {
        if (body == null) {
            throw new BadRequestException("A JSON body with a \"decision\" is required");
        }
        Outcome outcome = Outcome.fromWire(body.decision() == null ? "" : body.decision())
                .orElseThrow(() -> new DecisionException(
                        DecisionException.Reason.INVALID,
                        "\"decision\" must be one of approve, reject, request_changes"));
        JsonNode output = body.output();
        String edited = output == null || output.isNull() ? null : output.toString();
        return decisions.decide(
                id,
                new DecisionCommand(outcome, body.comment(), body.reasonCode(), edited, body.idempotencyKey()),
                current.get());
    }
}
