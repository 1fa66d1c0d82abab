package dev.signoff.admin;

import java.util.List;

/** One page of an admin list, newest first; {@code next} starts the page after it, null on the last. */
public record Page<T>(List<T> rows, Cursor next) {}
