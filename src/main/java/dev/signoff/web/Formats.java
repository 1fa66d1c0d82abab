package dev.signoff.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages show values. Times are shown in UTC, always with the zone, so reviewers in any place agree. */
@TemplateExtension
public final class Formats {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Formats() {}

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
