package dev.signoff.notify;

import java.util.Objects;

/**
 * Someone notifications can reach: their user id (as the identity provider names them, and as requests name them),
 * their name as people read it, and their mail address.
 */
public record Person(String id, String name, String email) {

    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        name = name == null || name.isBlank() ? id : name;
    }
}
