package dev.signoff.security;

import java.util.Set;

/** The person acting, as Signoff sees them: a stable id, how to show them, and the groups tasks are assigned to. */
public record Reviewer(String id, String name, String email, Set<String> groups) {

    public static final String ADMIN_GROUP = "signoff-admin";

    public boolean isAdmin() {
        return groups.contains(ADMIN_GROUP);
    }

    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }
}
