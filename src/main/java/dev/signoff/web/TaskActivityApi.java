package dev.signoff.web;

import dev.signoff.review.Claim;
import dev.signoff.review.TaskClaims;
import dev.signoff.review.TaskComment;
import dev.signoff.review.TaskComments;
import dev.signoff.security.CurrentReviewer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Claims and comments as JSON. Errors come back as problem JSON with a {@code reason}. */
@Path("/api/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review tasks")
public class TaskActivityApi {

    /** A claim as the API shows it: the holder's id is the stable identity, the name is for display. */
    public record ClaimBody(String holderId, String holderName, Instant since, Instant lapsesAt) {
        static ClaimBody of(Claim claim) {
            return new ClaimBody(claim.holderId(), claim.holderName(), claim.since(), claim.lapsesAt());
        }
    }

    public record CommentBody(UUID id, String authorId, String authorName, String body, Instant createdAt) {
        static CommentBody of(TaskComment c) {
            return new CommentBody(c.id, c.authorId, c.authorName, c.body, c.createdAt);
        }
    }

    public record NewComment(String body) {}

    private final TaskClaims claims;
    private final TaskComments comments;
    private final CurrentReviewer current;

    TaskActivityApi(TaskClaims claims, TaskComments comments, CurrentReviewer current) {
        this.claims = claims;
        this.comments = comments;
        this.current = current;
    }

    @POST
    @Path("{id}/claim")
    @Operation(summary = "Say you are on a task (or renew your claim); takeOver=true lets an admin take another's")
    public ClaimBody claim(@PathParam("id") UUID id, @QueryParam("takeOver") boolean takeOver) {
        return ClaimBody.of(claims.claim(id, current.get(), takeOver));
    }

    @DELETE
    @Path("{id}/claim")
    @Operation(summary = "Release your claim (admins: anyone's)")
    public void release(@PathParam("id") UUID id) {
        claims.release(id, current.get());
    }

    @GET
    @Path("{id}/comments")
    @Operation(summary = "The discussion on a task, oldest first")
    public List<CommentBody> comments(@PathParam("id") UUID id) {
        return comments.forTask(id, current.get()).stream().map(CommentBody::of).toList();
    }

    @POST
    @Path("{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a comment for colleagues (not sent to the workflow)")
    public CommentBody comment(@PathParam("id") UUID id, NewComment body) {
        return CommentBody.of(comments.add(id, current.get(), body == null ? null : body.body()));
    }
}
