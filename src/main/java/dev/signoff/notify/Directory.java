package dev.signoff.notify;

import java.util.List;
import java.util.Optional;

/**
 * Who people are and which groups they are in, for turning a request's assignees into mail recipients. Signoff ships
 * {@link StaticDirectory} (configuration); an LDAP or SCIM source implements this interface as an
 * {@code @Alternative @Priority(1)} bean (docs/notifications.md, "Directory").
 */
public interface Directory {

    /** The person with this user id, when they have an address. */
    Optional<Person> person(String userId);

    /** The members of a group who have an address; empty for a group the directory does not know. */
    List<Person> members(String group);
}
