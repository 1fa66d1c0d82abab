package dev.signoff.security;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.TenantFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.Validator;

/**
 * Refuses OIDC tokens that the identity provider issued for another application. Signature and issuer prove only
 * that the provider issued a token, and it issues tokens to every client it knows (other apps in the same realm or
 * user pool); a decision taken with such a token would resume a production workflow.
 *
 * <p>A token is Signoff's when its {@code aud} names Signoff's client id ({@code quarkus.oidc.client-id}) or one of
 * {@code signoff.security.extra-audiences}. Amazon Cognito access tokens have no {@code aud} at all; they name the app
 * client they were issued to in {@code client_id}, so a token without {@code aud} is Signoff's when its
 * {@code client_id} is one of those names. Quarkus's own {@code token.audience} cannot express that alternative, and
 * would replace the ID token check of the code flow on the default tenant, hence this check on both tenants (the
 * default tenant is hybrid: it takes bearer tokens on pages as well).
 */
@Unremovable
@ApplicationScoped
@TenantFeature({"Default", "api"})
public class TokenAudienceValidator implements Validator {

    static final String CLIENT_ID_CLAIM = "client_id";

    private final Set<String> accepted;

    @Inject
    TokenAudienceValidator(
            SecurityConfig config, @ConfigProperty(name = "quarkus.oidc.client-id") Optional<String> clientId) {
        this(Stream.concat(clientId.stream(), config.extraAudiences().orElse(List.of()).stream())
                .toList());
    }

    TokenAudienceValidator(List<String> accepted) {
        Set<String> names = new LinkedHashSet<>();
        accepted.stream().map(String::trim).filter(a -> !a.isEmpty()).forEach(names::add);
        this.accepted = Set.copyOf(names);
    }

    @Override
    public String validate(JwtContext context) throws MalformedClaimException {
        JwtClaims claims = context.getJwtClaims();
        if (claims.hasAudience()) {
            List<String> audience = claims.getAudience();
            return audience.stream().anyMatch(accepted::contains)
                    ? null
                    : "aud " + audience + " names none of Signoff's audiences " + accepted;
        }
        if (claims.hasClaim(CLIENT_ID_CLAIM)) {
            String clientId = claims.getStringClaimValue(CLIENT_ID_CLAIM);
            return accepted.contains(clientId)
                    ? null
                    : "client_id " + clientId + " (no aud) is none of Signoff's audiences " + accepted;
        }
        return "the token names no audience (neither aud nor client_id)";
    }
}
