package dev.signoff.security;

import java.util.Set;

/**
 * The person acting, as Signoff sees them.
 *
 * @param id the stable identity recorded in decisions and the audit trail: for OIDC users {@code <issuer>#<subject>}
 *     (an issuer has no fragment, so the first {@code #} separates them), for local users their user name
 * @param issuer the token's {@code iss}; null for local users
 * @param subject the token's subject claim ({@code signoff.security.subject-claim}); the user name for local users
 * @param assigneeName the name {@code assignees.users} knows this reviewer by (the claim named by
 *     {@code signoff.security.assignee-claim}); null when the token does not carry it, and then no user-assigned task
 *     matches
 * @param name display only: providers let users edit it
 * @param email display only: providers let users edit it
 */
public record Reviewer(
        String id, String issuer, String subject, String assigneeName, String name, String email, Set<String> groups) {

    public static final String ADMIN_GROUP = "signoff-admin";

    /** A local (sandbox, test) user: no issuer; the user name is id, subject and assignee name alike. */
    public Reviewer(String userName, String name, String email, Set<String> groups) {
        this(userName, null, userName, userName, name, email, groups);
    }

    public boolean isAdmin() {
        return groups.contains(ADMIN_GROUP);
    }

    /**
     * The id the callback's {@code reviewer.id} carries, with the meaning it always had: the name {@code
     * assignees.users} uses for this person; the subject when the token carried no assignee claim.
     */
    public String userId() {
        return assigneeName != null ? assigneeName : subject;
    }

    public String displayName() {
        return name == null || name.isBlank() ? userId() : name;
    }
}
