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
 * @param userName the login: {@code preferred_username} for OIDC users (editable at most providers, so it only ever
 *     takes rights away: a {@code requestedBy} naming it), the user name for local users; may be null
 * @param name display only: providers let users edit it
 * @param email display only: providers let users edit it
 * @param admin a member of the admin group ({@code signoff.security.admin-group}): sees every task and admin page
 */
public record Reviewer(
        String id,
        String issuer,
        String subject,
        String assigneeName,
        String userName,
        String name,
        String email,
        Set<String> groups,
        boolean admin) {

    /** A local (sandbox, test) user who is no admin: no issuer; the user name is id, subject and assignee name. */
    public Reviewer(String userName, String name, String email, Set<String> groups) {
        this(userName, null, userName, userName, userName, name, email, groups, false);
    }

    public boolean isAdmin() {
        return admin;
    }

    /**
     * Whether a {@code requestedBy} names this person: their id ({@code <issuer>#<subject>}, or a local user name),
     * their subject, their assignee-claim value or their user name, compared exactly. It only ever takes the right to
     * decide away, so matching a name the user may edit errs on the safe side.
     */
    public boolean isNamedBy(String requestedBy) {
        return requestedBy != null
                && (requestedBy.equals(id)
                        || requestedBy.equals(subject)
                        || requestedBy.equals(assigneeName)
                        || requestedBy.equals(userName));
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
