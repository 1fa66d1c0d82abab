package dev.signoff.web;

import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The local sign-in page (sandbox and tests) and sign-out for every kind of session. */
@Path("/")
public class LoginPage {

    /**
     * Where the identity provider sends the browser back (quarkus.oidc.authentication.redirect-path): one fixed URI
     * to register, instead of every page's. Quarkus answers it itself with the page the sign-in started from.
     */
    static final String SIGNED_IN = "/signed-in";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, boolean sandbox);
    }

    @ConfigProperty(name = "signoff.sandbox.enabled", defaultValue = "false")
    boolean sandbox;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String formCookie;

    @Inject
    SecurityIdentity identity;

    @Inject
    Instance<OidcSession> oidcSession;

    @Inject
    Instance<OidcConfigurationMetadata> provider;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance login(@QueryParam("error") boolean error) {
        return Templates.login(error, sandbox);
    }

    /** Reached only when a sign-in started here, or someone opens it again: there is no page to return to. */
    @GET
    @Path("signed-in")
    public Response signedIn() {
        return Response.seeOther(URI.create(SignInTarget.INBOX)).build();
    }

    /**
     * Ends the session. An OIDC session also ends at the provider when it advertises an end_session_endpoint
     * (RP-initiated logout; the provider sends the browser back to /), or else only here. Quarkus'
     * {@code quarkus.oidc.logout.path} is not used for this: it refuses to start against a provider without that
     * endpoint, such as Amazon Cognito.
     */
    @POST
    @Path("logout")
    public Uni<Response> logout(@Context UriInfo uri) {
        IdTokenCredential idToken = identity.getCredential(IdTokenCredential.class);
        if (idToken == null) {
            NewCookie expired = new NewCookie.Builder(formCookie)
                    .path("/")
                    .maxAge(0)
                    .value("")
                    .build();
            return Uni.createFrom()
                    .item(Response.seeOther(URI.create("/login"))
                            .cookie(expired)
                            .build());
        }
        URI home = uri.getBaseUriBuilder().replacePath("/").build();
        String endSession = provider.get().getEndSessionUri();
        URI next = endSession == null
                ? home
                : UriBuilder.fromUri(endSession)
                        .queryParam("id_token_hint", idToken.getToken())
                        .queryParam("post_logout_redirect_uri", home)
                        .build();
        return oidcSession.get().logout().replaceWith(Response.seeOther(next).build());
    }
}
