package dev.signoff.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.decision.DecisionCommand;
import dev.signoff.decision.DecisionException;
import dev.signoff.decision.DecisionService;
import dev.signoff.decision.Submitted;
import dev.signoff.review.InboxPageResult;
import dev.signoff.review.InboxQuery;
import dev.signoff.review.ReviewService;
import dev.signoff.review.TaskSummary;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    /** Set to {@code true} when the list has a next page. */
    static final String MORE_HEADER = "Signoff-More-Tasks";

    /** The {@code after} of the next page, present exactly when {@link #MORE_HEADER} is. */
    static final String NEXT_HEADER = "Signoff-Next-Cursor";

    @GET
    @Operation(
            summary = "A page of an inbox view (default: open tasks assigned to the caller or their groups, soonest"
                    + " due first)",
            description = "Same query parameters as the inbox page (docs/api.md): view, workflow, state, status,"
                    + " severity, group, requestedBy, due, age, q, sort, after, size (1-" + InboxQuery.MAX_SIZE
                    + ", default " + InboxQuery.MAX_SIZE + "). When there is a next page, " + MORE_HEADER
                    + ": true and " + NEXT_HEADER + " carries its after.")
    public RestResponse<List<TaskSummary>> inbox(@BeanParam InboxParams params) {
        InboxPageResult page = reviews.inbox(current.get(), params.query(InboxQuery.MAX_SIZE));
        RestResponse.ResponseBuilder<List<TaskSummary>> response = RestResponse.ResponseBuilder.ok(page.tasks());
        page.nextCursor().ifPresent(next -> {
            response.header(MORE_HEADER, "true");
            response.header(NEXT_HEADER, next);
        });
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
    @APIResponse(responseCode = "200", description = "Decided: the decision, its callback queued")
    @APIResponse(
            responseCode = "202",
            description = "Under an N-of-M approval policy: the approval is recorded and the review waits for more")
    public RestResponse<Object> decide(@PathParam("id") UUID id, ReviewApiViews.DecisionBody body) {
        if (body == null) {
            throw new BadRequestException("A JSON body with a \"decision\" is required");
        }
        Outcome outcome = Outcome.fromWire(body.decision() == null ? "" : body.decision())
                .orElseThrow(() -> new DecisionException(
                        DecisionException.Reason.INVALID,
                        "\"decision\" must be one of approve, reject, request_changes"));
        JsonNode output = body.output();
        String edited = output == null || output.isNull() ? null : output.toString();
        Submitted submitted = decisions.decide(
                id,
                new DecisionCommand(outcome, body.comment(), body.reasonCode(), edited, body.idempotencyKey()),
                current.get());
        if (submitted.waiting()) {
            return RestResponse.status(
                    RestResponse.Status.ACCEPTED,
                    new ReviewApiViews.Waiting(
                            ReviewApiViews.Approvals.of(submitted.approvals().orElseThrow())));
        }
        return RestResponse.ok(submitted.decision().orElseThrow());
    }
}
