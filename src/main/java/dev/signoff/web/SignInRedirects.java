package dev.signoff.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the redirect that ends a sign-in on this site ({@link SignInTarget}). Quarkus sends it from the form login's
 * post and from the OIDC redirect path, both before any resource runs, so it is checked as its headers go out. At the
 * redirect path a redirect to another origin is left alone: that is Quarkus sending the browser to the provider
 * again (an expired or missing state cookie); Quarkus builds the way back itself, on this origin.
 */
@ApplicationScoped
public class SignInRedirects {

    @ConfigProperty(name = "quarkus.http.auth.form.post-location", defaultValue = "/j_security_check")
    String formPost;

    @ConfigProperty(name = "quarkus.oidc.authentication.redirect-path", defaultValue = LoginPage.SIGNED_IN)
    String oidcRedirectPath;

    void install(@Observes Router router) {
        // First of all routes, so the check is in place before the authentication handler answers.
        router.route().order(Integer.MIN_VALUE).handler(this::watch);
    }

    private void watch(RoutingContext context) {
        String path = context.request().path();
        if (formPost.equals(path)) {
            context.addHeadersEndHandler(ignored -> keepOnThisSite(context, true));
        } else if (oidcRedirectPath.equals(path)) {
            context.addHeadersEndHandler(ignored -> keepOnThisSite(context, false));
        }
        context.next();
    }

    private static void keepOnThisSite(RoutingContext context, boolean everyRedirect) {
        HttpServerResponse response = context.response();
        String location = response.headers().get(HttpHeaders.LOCATION);
        if (location == null || response.getStatusCode() / 100 != 3) {
            return;
        }
        URI self;
        try {
            self = new URI(
                    context.request().scheme() + "://" + context.request().authority());
        } catch (URISyntaxException malformedHost) {
            response.headers().set(HttpHeaders.LOCATION, SignInTarget.INBOX);
            return;
        }
        if (everyRedirect || SignInTarget.onThisSite(location, self)) {
            response.headers().set(HttpHeaders.LOCATION, SignInTarget.of(location, self));
        }
    }
}
