package dev.signoff.sandbox;

import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.security.CurrentReviewer;
import dev.signoff.security.Reviewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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

/** Shows what the sandbox's workflows received from Signoff, and starts more demo executions. Sandbox only. */
@Path("/sandbox")
@Produces(MediaType.TEXT_HTML)
public class SandboxPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance executions(Reviewer reviewer, List<ExecutionSnapshot> executions);
    }

    private final SandboxWorkflows workflows;
    private final CurrentReviewer current;

    SandboxPage(SandboxWorkflows workflows, CurrentReviewer current) {
        this.workflows = workflows;
        this.current = current;
    }

    @GET
    public TemplateInstance executions() {
        List<ExecutionSnapshot> executions =
                workflows.standIn().orElseThrow(NotFoundException::new).executions().stream()
                        .sorted(Comparator.comparing(ExecutionSnapshot::startDate)
                                .reversed())
                        .toList();
        return Templates.executions(current.get(), executions);
    }

    @POST
    @Path("demo")
    public Response startDemo() {
        if (!workflows.enabled()) {
            throw new NotFoundException();
        }
        workflows.startDemo();
        return Response.seeOther(URI.create("/sandbox")).build();
    }
}
