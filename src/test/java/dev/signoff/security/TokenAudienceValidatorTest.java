package dev.signoff.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.Test;

/** Which tokens are Signoff's, by the claim shapes of Keycloak, Entra ID, Okta and Amazon Cognito tokens. */
class TokenAudienceValidatorTest {

    private final TokenAudienceValidator signoffOnly = new TokenAudienceValidator(List.of("signoff"));

    @Test
    void a_token_whose_aud_names_signoff_among_others_is_accepted() throws Exception {
        assertThat(signoffOnly.validate(token(claims -> claims.setAudience("account", "signoff"))))
                .isNull();
        assertThat(signoffOnly.validate(token(claims -> claims.setAudience("signoff"))))
                .isNull();
    }

    @Test
    void a_token_issued_for_another_client_of_the_same_provider_is_refused() throws Exception {
        assertThat(signoffOnly.validate(token(claims -> {
                    claims.setAudience("account", "expense-reports");
                    claims.setClaim("azp", "signoff");
                })))
                .contains("expense-reports");
    }

    @Test
    void a_cognito_access_token_without_aud_is_judged_by_its_client_id() throws Exception {
        assertThat(signoffOnly.validate(token(claims -> claims.setClaim("client_id", "signoff"))))
                .isNull();
        assertThat(signoffOnly.validate(token(claims -> claims.setClaim("client_id", "expense-reports"))))
                .contains("client_id expense-reports");
    }

    @Test
    void client_id_counts_only_when_there_is_no_aud() throws Exception {
        assertThat(signoffOnly.validate(token(claims -> {
                    claims.setAudience("expense-reports");
                    claims.setClaim("client_id", "signoff");
                })))
                .isNotNull();
    }

    @Test
    void a_token_naming_no_audience_at_all_is_refused() throws Exception {
        assertThat(signoffOnly.validate(token(claims -> {}))).isNotNull();
        assertThat(signoffOnly.validate(token(claims -> claims.setAudience(List.of()))))
                .isNotNull();
    }

    @Test
    void extra_audiences_are_accepted_besides_the_client_id() throws Exception {
        TokenAudienceValidator entra = new TokenAudienceValidator(List.of("4f1b2c3d", " api://signoff "));

        assertThat(entra.validate(token(claims -> claims.setAudience("api://signoff"))))
                .isNull();
        assertThat(entra.validate(token(claims -> claims.setAudience("4f1b2c3d"))))
                .isNull();
        assertThat(entra.validate(token(claims -> claims.setAudience("api://other"))))
                .isNotNull();
    }

    @Test
    void with_no_audience_configured_every_token_is_refused() throws Exception {
        TokenAudienceValidator none = new TokenAudienceValidator(List.of(" ", ""));

        assertThat(none.validate(token(claims -> claims.setAudience("signoff"))))
                .isNotNull();
        assertThat(none.validate(token(claims -> claims.setAudience("")))).isNotNull();
    }

    @Test
    void a_client_id_that_is_not_a_string_makes_the_token_malformed() {
        assertThatThrownBy(
                        () -> signoffOnly.validate(token(claims -> claims.setClaim("client_id", List.of("signoff")))))
                .isInstanceOf(MalformedClaimException.class);
    }

    private interface Claims {
        void fill(JwtClaims claims);
    }

    private static JwtContext token(Claims content) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://idp.example/realms/signoff");
        claims.setSubject("alice");
        content.fill(claims);
        return new JwtContext(claims.toJson(), claims, List.of());
    }
}
