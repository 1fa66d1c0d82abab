package dev.signoff.web;

import dev.signoff.admin.AdminActions;
import dev.signoff.intake.DeadLetter;
import dev.signoff.intake.DeadLetters;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The admin dashboard's dead-letter queue page: what waits there (looked at, not consumed) and the actions redrive,
 * redrive all and delete. Admins only, 403 for everyone else. A message is named by its SQS message id in the path;
 * its receipt handle and body never appear in a URL.
 */
@Path("/admin/dead-letters")
@Produces(MediaType.TEXT_HTML)
public class DeadLetterPage {

    /** SQS message ids are UUIDs; ElasticMQ's too. Anything else names no message. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(
                Reviewer reviewer, AdminView view, boolean configured, List<DeadLetter> messages, int batch);
    }

    private final DeadLetters deadLetters;
    private final AdminActions actions;
    private final CurrentReviewer current;
    private final Clock clock;

    DeadLetterPage(DeadLetters deadLetters, AdminActions actions, CurrentReviewer current, Clock clock) {
        this.deadLetters = deadLetters;
        this.actions = actions;
        this.current = current;
        this.clock = clock;
    }

    @GET
    public TemplateInstance page(@QueryParam("done") String done) {
        return render(admin(), notice(done), null);
    }

    @POST
    @Path("{messageId}/redrive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response redrive(@PathParam("messageId") String messageId, @FormParam("note") String note) {
        String id = checked(messageId);
        return act(admin -> actions.redrive(admin, id, note), "redriven");
    }

    @POST
    @Path("{messageId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("messageId") String messageId, @FormParam("note") String note) {
        String id = checked(messageId);
        return act(admin -> actions.deleteDeadLetter(admin, id, note), "deleted");
    }

    @POST
    @Path("redrive-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response redriveAll(@FormParam("note") String note) {
        return act(admin -> actions.redriveAll(admin, note), "redriven-all");
    }

    private Response act(Consumer<Reviewer> action, String done) {
        Reviewer admin = admin();
        try {
            action.accept(admin);
            return Response.seeOther(URI.create("/admin/dead-letters?done=" + done))
                    .build();
        } catch (AdminActions.Refused e) {
            return Response.status(409)
                    .entity(render(admin, null, e.getMessage()))
                    .build();
        }
    }

    private TemplateInstance render(Reviewer admin, String notice, String problem) {
        boolean configured = deadLetters.configured();
        List<DeadLetter> messages = configured ? deadLetters.peek() : List.of();
        return Templates.page(
                admin,
                new AdminView(clock.instant(), notice, problem),
                configured,
                messages,
                DeadLetters.REDRIVE_BATCH);
    }

    /** Every page and action starts here: a reviewer who is not an admin gets 403 before SQS is asked. */
    private Reviewer admin() {
        Reviewer reviewer = current.get();
        AdminActions.requireAdmin(reviewer);
        return reviewer;
    }

    private static String checked(String messageId) {
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new NotFoundException();
        }
        return messageId;
    }

    /** Fixed words for each outcome: nothing a client sends is echoed back. */
    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "redriven" -> "Sent back to the review queue; intake takes it in as usual.";
            case "redriven-all" ->
                "Sent back to the review queue (at most " + DeadLetters.REDRIVE_BATCH
                        + " at a time: press again for more).";
            case "deleted" -> "Deleted from the dead-letter queue; the note is in the audit trail.";
            default -> null;
        };
    }
}
