package dev.signoff.sandbox;

import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Shows what the sandbox's workflows received from Signoff, starts more demo executions, and stops one the way an
 * operator would in the Step Functions console (StopExecution through the real SDK client), which Signoff learns
 * from the status change event. Sandbox only, and for admins only: the page shows every execution's output, whoever
 * it was assigned to, and stops any of them.
 */
@Path("/sandbox")
@Produces(MediaType.TEXT_HTML)
public class SandboxPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance executions(Reviewer reviewer, List<ExecutionSnapshot> executions);
    }

    private final SandboxWorkflows workflows;
    private final CurrentReviewer current;
    private final SfnClient stepFunctions;

    SandboxPage(SandboxWorkflows workflows, CurrentReviewer current, SfnClient stepFunctions) {
        this.workflows = workflows;
        this.current = current;
        this.stepFunctions = stepFunctions;
    }

    @GET
    public TemplateInstance executions() {
        Reviewer admin = admin();
        List<ExecutionSnapshot> executions =
                workflows.standIn().orElseThrow(NotFoundException::new).executions().stream()
                        .sorted(Comparator.comparing(ExecutionSnapshot::startDate)
                                .reversed())
                        .toList();
        return Templates.executions(admin, executions);
    }

    @POST
    @Path("demo")
    public Response startDemo() {
        admin();
        if (!workflows.enabled()) {
            throw new NotFoundException();
        }
        workflows.startDemo();
        return Response.seeOther(URI.create("/sandbox")).build();
    }

    @POST
    @Path("stop")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response stop(@FormParam("executionArn") String executionArn) {
        Reviewer admin = admin();
        StepFunctionsStandIn standIn = workflows.standIn().orElseThrow(NotFoundException::new);
        if (executionArn == null || standIn.execution(executionArn).isEmpty()) {
            throw new NotFoundException("No sandbox execution " + executionArn);
        }
        stepFunctions.stopExecution(r -> r.executionArn(executionArn)
                .error("Sandbox.Stopped")
                .cause("Stopped from the sandbox page by " + admin.id()));
        return Response.seeOther(URI.create("/sandbox")).build();
    }

    /** The signed-in admin; anyone else gets 403 (ErrorResponses renders it as the error page). */
    private Reviewer admin() {
        Reviewer reviewer = current.get();
        if (!reviewer.isAdmin()) {
            throw new ForbiddenException(
                    "The sandbox workflows page is for admins (signoff.security.admin-group; the sandbox user"
                            + " admin).");
        }
        return reviewer;
    }
}
