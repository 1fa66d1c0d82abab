package dev.signoff.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the human review steps of a state machine: Task states on sqs:sendMessage.waitForTaskToken. */
final class ReviewStates {
    static final String WAIT_FOR_TOKEN = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";

    /**
     * @param scope the States object the review step lives in
     * @param map the Map state whose ItemProcessor holds it, or null at top level
     * @param outerScope the States object of that Map state, or null
     */
    record ReviewState(String name, JsonNode state, JsonNode scope, String map, JsonNode outerScope) {
        JsonNode messageBody() {
            return state.path("Parameters").path("MessageBody");
        }
    }

    private ReviewStates() {}

    static List<ReviewState> of(JsonNode definition) {
        List<ReviewState> found = new ArrayList<>();
        collect(definition.get("States"), null, null, found);
        return found;
    }

    private static void collect(JsonNode states, String map, JsonNode outer, List<ReviewState> found) {
        for (Map.Entry<String, JsonNode> e : states.properties()) {
            JsonNode state = e.getValue();
            if (WAIT_FOR_TOKEN.equals(state.path("Resource").asText())) {
                found.add(new ReviewState(e.getKey(), state, states, map, outer));
            }
            JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
            if (processor != null) {
                collect(processor.get("States"), e.getKey(), states, found);
            }
        }
    }

    /** Every state reachable from {@code start} within {@code scope} through Next, Default, Choices and Catch. */
    static List<String> reachable(JsonNode scope, String start) {
        List<String> seen = new ArrayList<>();
        List<String> todo = new ArrayList<>(List.of(start));
        while (!todo.isEmpty()) {
            String name = todo.remove(todo.size() - 1);
            if (seen.contains(name) || !scope.has(name)) {
                continue;
            }
            seen.add(name);
            JsonNode s = scope.get(name);
            addIfText(todo, s.get("Next"));
            addIfText(todo, s.get("Default"));
            s.path("Choices").forEach(c -> addIfText(todo, c.get("Next")));
            s.path("Catch").forEach(c -> addIfText(todo, c.get("Next")));
        }
        return seen;
    }

    private static void addIfText(List<String> todo, JsonNode node) {
        if (node != null && node.isTextual()) {
            todo.add(node.textValue());
        }
    }
}
