package dev.signoff.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses state-changing requests that a browser says come from another site. Browsers send Sec-Fetch-Site and
 * Origin on every such request and a page cannot forge them, so this stops cross-site request forgery for cookie
 * sessions; clients that are not browsers (API tokens, scripts) send neither and are not affected. Session
 * cookies are SameSite=Lax as a second line.
 */
public class CrossSiteRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(preMatching = true)
    Response refuseCrossSite(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return null;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equals("same-origin") || fetchSite.equals("none") ? null : forbidden();
        }
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return null;
        }
        URI self = request.getUriInfo().getBaseUri();
        return sameOrigin(origin, self) ? null : forbidden();
    }

    static boolean sameOrigin(String origin, URI self) {
        try {
            URI other = URI.create(origin);
            return self.getHost() != null
                    && self.getHost().equalsIgnoreCase(other.getHost())
                    && port(self) == port(other)
                    && self.getScheme().equalsIgnoreCase(other.getScheme());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Response forbidden() {
        return Response.status(Response.Status.FORBIDDEN)
                .type("text/plain")
                .entity("Cross-site requests are not accepted.")
                .build();
    }
}
