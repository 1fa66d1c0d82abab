package dev.signoff.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.security.Principal;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the authenticated identity (OIDC token or local sandbox login) into a {@link Reviewer}. Decisions take
 * who decided from here, never from request input.
 */
@RequestScoped
public class CurrentReviewer {

    private final SecurityIdentity identity;
    private final SecurityConfig config;

    public CurrentReviewer(SecurityIdentity identity, SecurityConfig config) {
        this.identity = identity;
        this.config = config;
    }

    public Reviewer get() {
        return of(identity);
    }

    /** The reviewer behind any identity (the current one, or one handed over by another component). */
    public Reviewer of(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return new Reviewer("anonymous", "Anonymous", null, Set.of());
        }
        Set<String> groups = new HashSet<>(identity.getRoles());
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken jwt) {
            Object claimed = jwt.getClaim(config.groupsClaim());
            if (claimed instanceof Collection<?> values) {
                values.forEach(v -> groups.add(String.valueOf(v).replace("\"", "")));
            }
            String id = firstNonBlank(jwt.getClaim("preferred_username"), jwt.getSubject(), principal.getName());
            String name = firstNonBlank(jwt.getClaim("name"), id);
            return new Reviewer(id, name, jwt.getClaim("email"), Set.copyOf(groups));
        }
        String id = principal.getName();
        SecurityConfig.LocalUser local = config.localUsers().get(id);
        return new Reviewer(
                id,
                local == null ? id : local.name(),
                local == null ? null : local.email().orElse(null),
                Set.copyOf(groups));
    }

    private static String firstNonBlank(Object... values) {
        for (Object v : values) {
            if (v != null && !v.toString().isBlank()) {
                return v.toString();
            }
        }
        return null;
    }
}
