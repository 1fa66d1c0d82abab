package dev.signoff.admin;

import java.util.List;

/** A list read up to a cap: {@code more} says there were more rows than it shows. */
public record Capped<T>(List<T> rows, boolean more) {}
