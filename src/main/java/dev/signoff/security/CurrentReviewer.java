package dev.signoff.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.ForbiddenException;
import java.security.Principal;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the authenticated identity (OIDC token or local sandbox login) into a {@link Reviewer}. Decisions take
 * who decided from here, never from request input.
 *
 * <p>An OIDC user is the token's issuer plus its subject claim, never {@code preferred_username}, {@code email} or
 * {@code name}: providers let users edit those (Cognito's {@code preferred_username} is an ordinary user attribute),
 * and a user who set one to a colleague's id would have seen and decided the colleague's tasks. The name that
 * {@code assignees.users} matches comes from one configured claim, with no fallback to another, so a token that
 * lacks it (an access token where only the ID token carries it) matches no user-assigned task rather than matching
 * by whatever claim is there.
 */
@RequestScoped
public class CurrentReviewer {

    /** The columns that hold a reviewer's id (decision.reviewer_id, audit_event.actor) are this wide. */
    static final int MAX_ID_LENGTH = 256;

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
            return new Reviewer("anonymous", null, "anonymous", null, null, "Anonymous", null, Set.of(), false);
        }
        Set<String> groups = new HashSet<>(identity.getRoles());
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken jwt) {
            Object claimed = jwt.getClaim(config.groupsClaim());
            if (claimed instanceof Collection<?> values) {
                values.forEach(v -> groups.add(String.valueOf(v).replace("\"", "")));
            }
            return fromToken(jwt, Set.copyOf(groups));
        }
        String id = principal.getName();
        SecurityConfig.LocalUser local = config.localUsers().get(id);
        return new Reviewer(
                id,
                null,
                id,
                id,
                id,
                local == null ? id : local.name(),
                local == null ? null : local.email().orElse(null),
                Set.copyOf(groups),
                groups.contains(config.adminGroup()));
    }

    private Reviewer fromToken(JsonWebToken jwt, Set<String> groups) {
        String issuer = jwt.getIssuer();
        String subject = text(jwt.getClaim(config.subjectClaim()));
        if (issuer == null || issuer.isBlank() || subject == null) {
            throw new ForbiddenException(
                    "Your sign-in token has no " + (subject == null ? config.subjectClaim() : "iss")
                            + " claim, which Signoff needs to know who you are (signoff.security.subject-claim).");
        }
        String id = issuer + "#" + subject;
        if (id.length() > MAX_ID_LENGTH) {
            throw new ForbiddenException("Your issuer and subject are longer than the " + MAX_ID_LENGTH
                    + " characters Signoff can record for a reviewer.");
        }
        String assigneeName = text(jwt.getClaim(config.assigneeClaim()));
        return new Reviewer(
                id,
                issuer,
                subject,
                assigneeName,
                text(jwt.getClaim("preferred_username")),
                text(jwt.getClaim("name")),
                text(jwt.getClaim("email")),
                groups,
                groups.contains(config.adminGroup()));
    }

    /** A claim's value as text: a string or a number; anything else (absent, blank, an array) is no value. */
    private static String text(Object value) {
        String text = null;
        if (value instanceof String s) {
            text = s;
        } else if (value instanceof JsonString s) {
            text = s.getString();
        } else if (value instanceof JsonNumber || value instanceof Number) {
            text = value.toString();
        }
        return text == null || text.isBlank() ? null : text;
    }
}
