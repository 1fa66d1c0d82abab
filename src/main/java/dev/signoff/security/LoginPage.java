package dev.signoff.security;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The local sign-in page (sandbox and tests) and sign-out for every kind of session. */
@Path("/")
public class LoginPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, boolean sandbox);
    }

    @ConfigProperty(name = "signoff.sandbox.enabled", defaultValue = "false")
    boolean sandbox;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String formCookie;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance login(@QueryParam("error") boolean error) {
        return Templates.login(error, sandbox);
    }

    @POST
    @Path("logout")
    public Response logout() {
        NewCookie expired =
                new NewCookie.Builder(formCookie).path("/").maxAge(0).value("").build();
        return Response.seeOther(URI.create("/login")).cookie(expired).build();
    }
}
