package dev.signoff.admin;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a page of an admin list starts: next to the row at {@code at} with this id, in the list's order (keyset,
 * never OFFSET, so the 200th page costs what the first does).
 */
public record Cursor(Instant at, UUID id) {

    /** {@code 2026-12-01T10:00:00Z_<uuid>}; IllegalArgumentException for anything else. */
    public static Cursor parse(String text) {
        int split = text.lastIndexOf('_');
        if (split < 0) {
            throw new IllegalArgumentException("not a cursor");
        }
        try {
            return new Cursor(Instant.parse(text.substring(0, split)), UUID.fromString(text.substring(split + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }

    public String text() {
        return at + "_" + id;
    }
}
