package dev.signoff.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects {@code "<path>: <message>"} problems; keeps the list short enough for a SendTaskFailure cause. */
final class Problems {
    private final List<String> items = new ArrayList<>();
    private int dropped;

    void add(String path, String message) {
        addFormatted(path + ": " + message);
    }

    /** A problem already in {@code "<path>: <message>"} form. */
    void addFormatted(String problem) {
        if (items.size() < Limits.MAX_REPORTED_PROBLEMS) {
            items.add(problem);
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    int count() {
        return items.size() + dropped;
    }

    List<String> list() {
        if (dropped == 0) {
            return List.copyOf(items);
        }
        List<String> all = new ArrayList<>(items);
        all.add("...: and " + dropped + " more problem" + (dropped == 1 ? "" : "s") + " not listed");
        return List.copyOf(all);
    }

    // Compiled once: every field of every request is named through here (String.matches compiles per call).
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    /** Paths as in the problems: {@code findings[2].severity}, {@code metadata["odd key"]}. */
    static String field(String parent, String name) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        if (PLAIN_NAME.matcher(name).matches()) {
            return parent.isEmpty() ? shown : parent + "." + shown;
        }
        return parent + "[" + ContractJson.quote(shown) + "]";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
