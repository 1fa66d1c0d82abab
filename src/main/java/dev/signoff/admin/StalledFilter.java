package dev.signoff.admin;

import java.util.Arrays;
import java.util.Optional;

/** Which waiting tasks the stalled list shows: one per dashboard tile that links to it. */
public enum StalledFilter {
    ALL("all", "All waiting reviews"),
    OVERDUE("overdue", "Overdue: past their due date"),
    NEAR_TIMEOUT("near-timeout", "Near Step Functions' timeout"),
    EXPIRING_TODAY("expiring-today", "Expiring today (UTC)");

    private final String param;
    private final String heading;

    StalledFilter(String param, String heading) {
        this.param = param;
        this.heading = heading;
    }

    public String param() {
        return param;
    }

    public String heading() {
        return heading;
    }

    /** How many instants its SQL condition takes, after the keyset's three parameters. */
    int parameters() {
        return switch (this) {
            case ALL -> 0;
            case OVERDUE, EXPIRING_TODAY -> 1;
            case NEAR_TIMEOUT -> 2;
        };
    }

    public static Optional<StalledFilter> of(String param) {
        if (param == null || param.isEmpty()) {
            return Optional.of(ALL);
        }
        return Arrays.stream(values()).filter(f -> f.param.equals(param)).findFirst();
    }
}
