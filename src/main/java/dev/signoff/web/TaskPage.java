package dev.signoff.web;

import dev.signoff.audit.AuditEvent;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.decision.DecisionCommand;
import dev.signoff.decision.DecisionException;
import dev.signoff.decision.DecisionService;
import dev.signoff.notify.Notifications;
import dev.signoff.review.ApprovalProgress;
import dev.signoff.review.DecisionRights;
import dev.signoff.review.ReviewService;
import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskApprovals;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

        static native TemplateInstance delivery(DeliveryView delivery);
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
    private final DecisionPanels panels;
    private final DecisionRights rights;
    private final TaskApprovals approvals;
    private final Notifications notifications;

    TaskPage(
            ReviewService reviews,
            DecisionRights rights,
            TaskApprovals approvals,
            DecisionService decisions,
            TaskClaims claims,
            TaskComments comments,
            CurrentReviewer current,
            Clock clock,
            DecisionPanels panels,
            Notifications notifications) {
        this.reviews = reviews;
        this.notifications = notifications;
        this.rights = rights;
        this.approvals = approvals;
        this.decisions = decisions;
        this.claims = claims;
        this.comments = comments;
        this.current = current;
        this.clock = clock;
        this.panels = panels;
    }

    @GET
    public TemplateInstance show(@PathParam("id") UUID id, @QueryParam("done") String done) {
        Reviewer reviewer = current.get();
        TaskPageView view = view(id, reviewer, Optional.empty(), Map.of(), null, TaskAdminView.notice(done));
        // Only the audit trail learns of the view (once per reviewer); the task itself does not change.
        reviews.recordFirstView(id, reviewer);
        return Templates.task(view, reviewer);
    }

    /**
     * The panel's steps (field {@code step}: review, confirm, edit, add:/remove: an array item). A post without
     * {@code step} (a script, the form before this panel) decides at once, as it always did.
     */
    @POST
    @Path("decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") UUID id, MultivaluedMap<String, String> posted) {
        Reviewer reviewer = current.get();
        Map<String, String> fields = new LinkedHashMap<>();
        posted.forEach((name, values) -> fields.put(name, values.isEmpty() ? "" : values.get(0)));
        if (!fields.containsKey("step")) {
            return decideAtOnce(id, reviewer, fields);
        }
        ReviewTask task = reviews.visibleTask(id, reviewer);
        ReviewRequest request = reviews.request(task);
        Optional<ApprovalProgress> progress = approvals.progress(id, request);
        Optional<String> whyNot = whyNot(task, reviewer, progress);
        DecisionPanels.Step step = panels.submit(
                TaskSummary.of(task),
                request,
                task.status() == TaskStatus.PENDING && whyNot.isEmpty(),
                whyNot.orElse(null),
                fields,
                reviewer,
                progress);
        if (step.decided()) {
            return Response.seeOther(URI.create("/tasks/" + id)).build();
        }
        TaskPageView view = view(id, reviewer, Optional.empty(), Map.of(), step.panel());
        return Response.status(step.status())
                .entity(Templates.task(view, reviewer))
                .build();
    }

    /** The delivery status of a decided task: the fragment the panel polls every 2 s while it is pending. */
    @GET
    @Path("delivery")
    public TemplateInstance delivery(@PathParam("id") UUID id) {
        ReviewTask task = reviews.visibleTask(id, current.get());
        return Templates.delivery(DeliveryView.of(id, task.status()));
    }

    /**
     * Why this reviewer cannot decide the task now: a refusal of {@link DecisionRights}, or an approval of theirs that
     * already counts toward its N-of-M policy (nobody counts twice). Empty: they may.
     */
    private Optional<String> whyNot(ReviewTask task, Reviewer reviewer, Optional<ApprovalProgress> progress) {
        Optional<String> refused = rights.refusal(task, reviewer).map(DecisionRights.Refusal::message);
        if (refused.isPresent() || task.status() != TaskStatus.PENDING) {
            return refused;
        }
        return progress.flatMap(p -> p.approvalOf(reviewer.id())
                .map(mine -> "You approved this review at " + Formats.time(mine.approvedAt()) + " (" + p.label()
                        + ")" + (p.waitingFor().isEmpty() ? "" : "; still needed: " + p.waitingFor())
                        + ". The same person never counts twice."));
    }

    private Response decideAtOnce(UUID id, Reviewer reviewer, Map<String, String> fields) {
        String decision = fields.get("decision");
        Outcome outcome = Outcome.fromWire(decision == null ? "" : decision).orElse(null);
        String comment = fields.get("comment");
        String reasonCode = fields.get("reasonCode");
        String output = fields.get("output");
        try {
            decisions.decide(
                    id,
                    new DecisionCommand(outcome, comment, reasonCode, output, fields.get("idempotencyKey")),
                    reviewer);
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
        return view(id, reviewer, error, form, null, null);
    }

    private TaskPageView view(
            UUID id, Reviewer reviewer, Optional<String> error, Map<String, String> form, DecisionPanelView panel) {
        return view(id, reviewer, error, form, panel, null);
    }

    private TaskPageView view(
            UUID id,
            Reviewer reviewer,
            Optional<String> error,
            Map<String, String> form,
            DecisionPanelView panel,
            String notice) {
        ReviewTask task = reviews.visibleTask(id, reviewer);
        var decision = decisions.decisionFor(id);
        boolean assigned = reviews.isAssigned(id, reviewer);
        Optional<DecisionRights.Refusal> refusal = rights.refusal(task, reviewer);
        ReviewRequest request = reviews.request(task);
        Optional<ApprovalProgress> progress = approvals.progress(id, request);
        Optional<String> whyNot = whyNot(task, reviewer, progress);
        boolean canDecide = task.status() == TaskStatus.PENDING && whyNot.isEmpty();
        boolean canAct = task.status() == TaskStatus.PENDING && (assigned || reviewer.isAdmin());
        var activity = new TaskPageView.TaskActivity(
                clock.instant(),
                claims.activeClaim(task),
                comments.forTask(id, reviewer),
                canAct,
                canAct
                        && refusal.filter(DecisionRights.Refusal::separationOfDuties)
                                .isEmpty(),
                reviewer.isAdmin(),
                reviewer.id());
        TaskSummary summary = TaskSummary.of(task);
        String key = UUID.randomUUID().toString();
        List<String> assignees = reviews.assignees(id);
        Optional<TaskAdminView> admin = reviewer.isAdmin()
                ? Optional.of(TaskAdminView.of(assignees, task.expiresAt, task.timeoutAt, notice)
                        .echo("admin".equals(form.get("section")) ? form : Map.of()))
                : Optional.empty();
        return new TaskPageView(
                summary,
                request,
                decision,
                assignees,
                AuditEvent.forTask(id),
                canDecide,
                key,
                error,
                form,
                panel != null
                        ? panel
                        : panels.show(summary, request, decision, canDecide, whyNot.orElse(null), key, progress),
                activity,
                new TaskPageView.RedriveLinks(task.supersedes(), task.supersededBy()),
                new TaskPageView.ExpiryView(
                        task.onExpiry(),
                        task.escalatedAt().isPresent(),
                        task.expiresAt != null && !clock.instant().isBefore(task.expiresAt)),
                decision.isPresent() ? Optional.empty() : decisions.closingCallbackFor(task),
                admin,
                progress,
                notifications.forTask(id).stream()
                        .map(TaskPageView.NoticeLine::of)
                        .toList());
    }
}
