package dev.signoff.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import jakarta.ws.rs.ForbiddenException;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** Which claims make the reviewer, for the token shapes providers issue (Cognito's here: its claim names differ). */
class CurrentReviewerTest {

    private static final String POOL = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example";

    @Test
    void the_id_is_issuer_and_sub_and_an_edited_preferred_username_is_ignored() {
        Reviewer reviewer = reviewerFrom(
                "sub",
                "sub",
                Map.of(
                        "sub", "7c1e-uuid",
                        "preferred_username", "alice",
                        "cognito:username", "mallory",
                        "name", "Mallory Mole",
                        "email", "alice@example.com"));

        assertThat(reviewer.id()).isEqualTo(POOL + "#7c1e-uuid");
        assertThat(reviewer.issuer()).isEqualTo(POOL);
        assertThat(reviewer.subject()).isEqualTo("7c1e-uuid");
        assertThat(reviewer.assigneeName()).isEqualTo("7c1e-uuid");
        assertThat(reviewer.displayName()).isEqualTo("Mallory Mole");
    }

    @Test
    void an_access_token_without_the_assignee_claim_names_no_assignee_and_falls_back_to_nothing() {
        // Cognito: the user name is cognito:username in the ID token but username in the access token.
        Reviewer reviewer = reviewerFrom(
                "sub",
                "cognito:username",
                Map.of("sub", "7c1e-uuid", "username", "mallory", "preferred_username", "alice"));

        assertThat(reviewer.assigneeName()).isNull();
        assertThat(reviewer.userId())
                .as("the callback's id falls back to the subject")
                .isEqualTo("7c1e-uuid");
        assertThat(reviewer.id()).isEqualTo(POOL + "#7c1e-uuid");
    }

    @Test
    void a_token_without_the_subject_claim_is_refused() {
        assertThatThrownBy(() -> reviewerFrom("oid", "oid", Map.of("sub", "pairwise", "preferred_username", "alice")))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("oid");
    }

    @Test
    void a_local_user_is_their_user_name() {
        QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("reviewer"))
                .addRole("finance-reviewers")
                .build();
        Reviewer reviewer = new CurrentReviewer(identity, config("sub", "sub")).get();

        assertThat(reviewer.id()).isEqualTo("reviewer");
        assertThat(reviewer.assigneeName()).isEqualTo("reviewer");
        assertThat(reviewer.issuer()).isNull();
        assertThat(reviewer.groups()).containsExactly("finance-reviewers");
    }

    @Test
    void admins_are_the_members_of_the_configured_admin_group_only() {
        QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("ops"))
                .addRole("signoff-admin")
                .addRole("platform-admins")
                .build();

        assertThat(new CurrentReviewer(identity, config("sub", "sub")).get().isAdmin())
                .as("the default group")
                .isTrue();
        SecurityConfig platform = config(Map.of("signoff.security.admin-group", "platform-admins"));
        assertThat(new CurrentReviewer(identity, platform).get().isAdmin()).isTrue();
        SecurityConfig other = config(Map.of("signoff.security.admin-group", "auditors"));
        assertThat(new CurrentReviewer(identity, other).get().isAdmin())
                .as("signoff-admin means nothing once another group is configured")
                .isFalse();
    }

    @Test
    void requested_by_names_a_person_by_id_subject_assignee_claim_or_user_name_and_never_by_email_or_name() {
        Reviewer reviewer = reviewerFrom(
                "sub",
                "employee_id",
                Map.of(
                        "sub", "7c1e-uuid",
                        "employee_id", "E-1042",
                        "preferred_username", "alice",
                        "name", "Alice Archer",
                        "email", "alice@example.com"));

        assertThat(reviewer.isNamedBy(POOL + "#7c1e-uuid")).isTrue();
        assertThat(reviewer.isNamedBy("7c1e-uuid")).isTrue();
        assertThat(reviewer.isNamedBy("E-1042")).isTrue();
        assertThat(reviewer.isNamedBy("alice")).isTrue();
        assertThat(reviewer.isNamedBy("alice@example.com")).isFalse();
        assertThat(reviewer.isNamedBy("Alice Archer")).isFalse();
        assertThat(reviewer.isNamedBy("ALICE")).as("compared exactly").isFalse();
        assertThat(reviewer.isNamedBy("invoice-agent")).isFalse();
    }

    private static Reviewer reviewerFrom(String subjectClaim, String assigneeClaim, Map<String, String> claims) {
        JwtClaims jwt = new JwtClaims();
        jwt.setIssuer(POOL);
        claims.forEach(jwt::setClaim);
        QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal("raw", jwt))
                .build();
        return new CurrentReviewer(identity, config(subjectClaim, assigneeClaim)).get();
    }

    /** The configuration, mapped by SmallRye as at run time, with the two claims under test. */
    private static SecurityConfig config(String subjectClaim, String assigneeClaim) {
        return config(Map.of(
                "signoff.security.subject-claim", subjectClaim, "signoff.security.assignee-claim", assigneeClaim));
    }

    private static SecurityConfig config(Map<String, String> values) {
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put("signoff.security.active-token-key", "k1");
        return new SmallRyeConfigBuilder()
                .withMapping(SecurityConfig.class)
                .withDefaultValues(all)
                .build()
                .getConfigMapping(SecurityConfig.class);
    }
}
