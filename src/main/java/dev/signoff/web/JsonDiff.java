package dev.signoff.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ContractJson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a reviewer's edit changes in the proposal, path by path: a value added, removed or changed (old -> new).
 * Numbers compare by the digits the workflow receives, so 1e2 and 100 are the same and 100.10 is not 100.1. Arrays
 * compare item by item at the same index.
 */
final class JsonDiff {

    enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    /** {@code before}/{@code after}: compact JSON, null where the value does not exist on that side. */
    record Change(String path, Kind kind, String before, String after) {
        public String label() {
            return switch (kind) {
                case ADDED -> "added";
                case REMOVED -> "removed";
                case CHANGED -> "changed";
            };
        }
    }

    private JsonDiff() {}

    static List<Change> between(JsonNode proposal, JsonNode edit) {
        List<Change> changes = new ArrayList<>();
        compare("$", proposal, edit, changes);
        return changes;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Change> out) {
        boolean had = before != null && !before.isMissingNode();
        boolean has = after != null && !after.isMissingNode();
        if (!had && !has) {
            return;
        }
        if (!had) {
            out.add(new Change(path, Kind.ADDED, null, ContractJson.write(after)));
        } else if (!has) {
            out.add(new Change(path, Kind.REMOVED, ContractJson.write(before), null));
        } else if (before.isObject() && after.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(member(path, name), before.get(name), after.get(name), out);
            }
        } else if (before.isArray() && after.isArray()) {
            for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
                compare(path + "[" + i + "]", before.get(i), after.get(i), out);
            }
        } else if (!ContractJson.write(before).equals(ContractJson.write(after))) {
            out.add(new Change(path, Kind.CHANGED, ContractJson.write(before), ContractJson.write(after)));
        }
    }

    private static String member(String path, String name) {
        return name.matches("[A-Za-z_$][A-Za-z0-9_$]*")
                ? path + "." + name
                : path + "[" + ContractJson.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(name)) + "]";
    }
}
