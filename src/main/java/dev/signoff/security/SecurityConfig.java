package dev.signoff.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keys that protect task tokens at rest, which OIDC tokens are Signoff's, and the people the sandbox lets in. */
@ConfigMapping(prefix = "signoff.security")
public interface SecurityConfig {

    /**
     * Base64-encoded AES-256 keys by key id. Old keys stay listed after a rotation so that tokens stored under
     * them can still be read; new tokens are always sealed with {@link #activeTokenKey()}.
     */
    Map<String, String> tokenKeys();

    /** Id (in {@link #tokenKeys()}) of the key that seals new tokens. */
    @NotBlank
    String activeTokenKey();

    /** Display names and e-mail addresses of local (sandbox) users, by user id. OIDC users bring their own. */
    Map<String, LocalUser> localUsers();

    interface LocalUser {
        String name();

        Optional<String> email();
    }

    /**
     * Audiences besides Signoff's client id ({@code quarkus.oidc.client-id}, always accepted) that an OIDC token may
     * be issued for, e.g. an Entra ID application ID URI or an Okta authorization server audience. See
     * {@link TokenAudienceValidator}.
     */
    Optional<List<String>> extraAudiences();

    /**
     * The OIDC claim that carries a user's groups (used only with OIDC). Blank would give every user no groups, so
     * nobody would see a task.
     */
    @WithDefault("groups")
    @NotBlank
    String groupsClaim();

    /**
     * The OIDC claim that, with the token's issuer, identifies a person for good: decisions, the audit trail and the
     * callback record it. It must be one that no user can change, that is never given to another person, and that the
     * ID token (pages) and the access token (API) both carry with the same value. {@code sub} is that claim in
     * Keycloak and Amazon Cognito; Entra ID's {@code sub} differs per application ({@code oid} does not), and Okta's
     * access tokens carry the login as {@code sub} (docs/security.md). A token without it is refused (403).
     */
    @WithDefault("sub")
    @NotBlank
    String subjectClaim();

    /**
     * The OIDC claim whose value {@code assignees.users} names users by. The default, {@code sub}, cannot be edited
     * or reassigned by anyone and is in every token; a friendlier claim (a user name) is safe only where users cannot
     * edit it and both tokens carry it (docs/security.md lists them per provider). A token without it matches no
     * user-assigned task: Signoff never falls back to another claim.
     */
    @WithDefault("sub")
    @NotBlank
    String assigneeClaim();

    /**
     * The group whose members are admins: they see every task and every admin page. Being one grants no right to
     * decide (see {@link #adminsMayDecideUnassigned()}).
     */
    @WithDefault("signoff-admin")
    @NotBlank
    String adminGroup();

    /**
     * Whether an admin may decide a review that is not assigned to them or their groups. Off by default, so that
     * "admin" is not a way around the assignment; the requester and excluded users never decide either way.
     */
    @WithDefault("false")
    boolean adminsMayDecideUnassigned();
}
