package dev.signoff.web;

import dev.signoff.review.InboxPageResult;
import dev.signoff.review.InboxQuery;
import dev.signoff.review.InboxQuery.View;
import dev.signoff.review.TaskStatus;
import dev.signoff.review.TaskSummary;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the inbox page shows: a page of one view, the views' counts, and links that keep the filters. */
public record InboxView(InboxQuery query, InboxPageResult result, Instant now) {

    /** One tab: a view, its label, its count and its link. */
    public record Tab(String param, String label, String count, String url, boolean current) {}

    public List<Tab> tabs() {
        List<Tab> tabs = new ArrayList<>();
        result.counts()
                .forEach((view, count) -> tabs.add(new Tab(
                        view.param(), label(view), count.shown(), url(view, Optional.empty()), view == query.view())));
        return tabs;
    }

    public Optional<String> nextUrl() {
        return result.nextCursor().map(c -> url(query.view(), Optional.of(c)));
    }

    /** The first page of the same view and filters; empty when this is the first page. */
    public Optional<String> firstUrl() {
        return query.after().map(a -> url(query.view(), Optional.empty()));
    }

    public List<String> severities() {
        return List.of("critical", "high", "medium", "low", "info");
    }

    public List<String> ages() {
        return Arrays.stream(InboxQuery.Age.values()).map(InboxQuery.Age::param).toList();
    }

    public List<String> statuses() {
        return Arrays.stream(TaskStatus.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .toList();
    }

    public boolean decidedView() {
        return query.view() == View.DECIDED || query.view() == View.ALL;
    }

    public String heading() {
        return query.view() == View.MINE ? "Waiting for you" : label(query.view());
    }

    /** What an empty list says: nothing waiting at all, or nothing matching what was asked. */
    public String emptyText() {
        boolean asked = query.after().isPresent()
                || List.of("workflow", "state", "status", "severity", "group", "requestedBy", "due", "age", "q")
                        .stream()
                        .anyMatch(name -> !value(name).isEmpty());
        if (asked) {
            return "No reviews match.";
        }
        return switch (query.view()) {
            case MINE -> "Nothing is waiting for your review.";
            case UNASSIGNED -> "Every open review in your groups is claimed.";
            case CLAIMED -> "You hold no claims.";
            case DECIDED -> "Nothing closed yet.";
            case ALL -> "No reviews yet.";
        };
    }

    public boolean overdue(TaskSummary task) {
        return task.status().isOpen() && task.dueAt() != null && task.dueAt().isBefore(now);
    }

    /** How long ago the task was received, in the largest whole unit: 5m, 3h, 2d. */
    public String age(TaskSummary task) {
        Duration age = Duration.between(task.receivedAt(), now);
        if (age.toDays() > 0) {
            return age.toDays() + "d";
        }
        if (age.toHours() > 0) {
            return age.toHours() + "h";
        }
        return Math.max(0, age.toMinutes()) + "m";
    }

    public String value(String name) {
        Optional<?> value = switch (name) {
            case "workflow" -> query.workflow();
            case "state" -> query.state();
            case "group" -> query.group();
            case "requestedBy" -> query.requestedBy();
            case "q" -> query.q();
            case "status" -> query.status().map(s -> s.name().toLowerCase(Locale.ROOT));
            case "severity" -> query.severity().map(s -> s.wireName());
            case "due" -> query.due().map(InboxQuery.Due::param);
            case "age" -> query.age().map(InboxQuery.Age::param);
            case "sort" -> Optional.of(query.sort().param());
            default -> throw new IllegalArgumentException(name);
        };
        return value.map(Object::toString).orElse("");
    }

    static String label(View view) {
        return switch (view) {
            case MINE -> "Mine";
            case UNASSIGNED -> "Unassigned";
            case CLAIMED -> "Claimed by me";
            case DECIDED -> "Recently closed";
            case ALL -> "All";
        };
    }

    private String url(View view, Optional<String> after) {
        StringBuilder url = new StringBuilder("/inbox?view=").append(view.param());
        for (String name :
                List.of("workflow", "state", "status", "severity", "group", "requestedBy", "due", "age", "q", "sort")) {
            String value = value(name);
            if (!value.isEmpty() && !(name.equals("sort") && value.equals("due"))) {
                url.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        if (query.size() != InboxQuery.DEFAULT_SIZE) {
            url.append("&size=").append(query.size());
        }
        after.ifPresent(a -> url.append("&after=").append(a));
        return url.toString();
    }
}
