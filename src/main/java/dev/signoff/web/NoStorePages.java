package dev.signoff.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Pages show review content to whoever is signed in. Marking them no-store keeps them out of the browser's caches
 * (HTTP cache and back/forward cache), so after signing out the Back button asks the server again and gets the
 * login page instead of the last task. Responses that chose their own caching keep it.
 */
public class NoStorePages {

    @ServerResponseFilter
    void noStore(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null
                && type.isCompatible(MediaType.TEXT_HTML_TYPE)
                && !response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
