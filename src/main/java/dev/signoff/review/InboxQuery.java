package dev.signoff.review;

import dev.signoff.contract.ReviewRequest.Severity;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One inbox request: a view, its filters, a sort and where the page starts. Built from the URL's query parameters
 * ({@link #parse}), so that a view is a bookmark; a value that is not allowed is refused as such, never ignored.
 *
 * @param after opaque cursor of the page to show ({@link InboxCursor}); empty for the first page
 */
public record InboxQuery(
        View view,
        Optional<String> workflow,
        Optional<String> state,
        Optional<TaskStatus> status,
        Optional<Severity> severity,
        Optional<String> group,
        Optional<String> requestedBy,
        Optional<Due> due,
        Optional<Age> age,
        Optional<String> q,
        Sort sort,
        Optional<String> after,
        int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** Which tasks a list holds; {@link #ALL} is for admins only. */
    public enum View {
        MINE,
        UNASSIGNED,
        CLAIMED,
        DECIDED,
        ALL;

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Sort {
        /** Soonest due first, tasks without a due date last. */
        DUE,
        /** Oldest first. */
        AGE,
        /** Highest severity first, then oldest first. */
        SEVERITY;

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Due window: past due; due later today (UTC); due within seven days. */
    public enum Due {
        OVERDUE,
        TODAY,
        WEEK;

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Received more than this long ago. */
    public enum Age {
        D1(Duration.ofDays(1)),
        D3(Duration.ofDays(3)),
        D7(Duration.ofDays(7));

        final Duration olderThan;

        Age(Duration olderThan) {
            this.olderThan = olderThan;
        }

        public String param() {
            return name().substring(1) + "d";
        }
    }

    /** The default view: my open tasks, soonest due first. */
    public static InboxQuery mine() {
        return parse(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The query the URL describes. Blank parameters count as absent. Throws {@link IllegalArgumentException} naming
     * the parameter when a value is not one of those allowed.
     */
    public static InboxQuery parse(
            String view,
            String workflow,
            String state,
            String status,
            String severity,
            String group,
            String requestedBy,
            String due,
            String age,
            String q,
            String sort,
            String after,
            String size) {
        return new InboxQuery(
                choice("view", view, View.values(), View::param).orElse(View.MINE),
                text(workflow),
                text(state),
                choice("status", status, TaskStatus.values(), s -> s.name().toLowerCase(Locale.ROOT)),
                choice("severity", severity, Severity.values(), Severity::wireName),
                text(group),
                text(requestedBy),
                choice("due", due, Due.values(), Due::param),
                choice("age", age, Age.values(), Age::param),
                text(q),
                choice("sort", sort, Sort.values(), Sort::param).orElse(Sort.DUE),
                text(after),
                size(size));
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static <E> Optional<E> choice(
            String name, String value, E[] allowed, java.util.function.Function<E, String> param) {
        Optional<String> given = text(value);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        String wanted = given.get().toLowerCase(Locale.ROOT);
        return Optional.of(Arrays.stream(allowed)
                .filter(e -> param.apply(e).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("\"" + name + "\" must be one of "
                        + String.join(", ", Arrays.stream(allowed).map(param).toList()))));
    }

    private static int size(String value) {
        Optional<String> given = text(value);
        if (given.isEmpty()) {
            return DEFAULT_SIZE;
        }
        try {
            int size = Integer.parseInt(given.get());
            if (size >= 1 && size <= MAX_SIZE) {
                return size;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException("\"size\" must be a number from 1 to " + MAX_SIZE);
    }
}
