package dev.signoff.contract;

import java.util.ArrayList;
import java.util.List;

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

    /** Paths as in the problems: {@code findings[2].severity}, {@code metadata["odd key"]}. */
    static String field(String parent, String name) {
        String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        if (plainName(name)) {
            return parent.isEmpty() ? shown : parent + "." + shown;
        }
        return parent + "[" + ContractJson.quote(shown) + "]";
    }

    /**
     * {@code [A-Za-z_][A-Za-z0-9_-]*}, tested by hand: every field of every request is named through here, and a
     * regular expression was a visible share of intake's CPU (docs/performance.md).
     */
    static boolean plainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            boolean more = (c >= '0' && c <= '9') || c == '-';
            if (!letter && !(i > 0 && more)) {
                return false;
            }
        }
        return true;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
