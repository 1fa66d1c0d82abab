package dev.signoff.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The scripted run of one example: its fixture's execution input, agent results and the reviewers' answers. */
final class Script {
    final String example;
    final JsonNode definition;
    final JsonNode input;
    private final JsonNode results;
    private final Map<String, List<AslWalker.Responder>> responders = new LinkedHashMap<>();

    Script(String example) {
        this.example = example;
        this.definition = InfraFiles.example(example);
        JsonNode fixture = InfraFiles.resource(example + ".fixture.json");
        this.input = fixture.get("input");
        this.results = fixture.get("results");
    }

    /** The agent step answers {@code times} times with the fixture's result. */
    Script agent(String state, int times) {
        for (int i = 0; i < times; i++) {
            add(state, AslWalker.returns(result(state)));
        }
        return this;
    }

    /** The agent step answers once with the fixture's result, changed by {@code change}. */
    Script agentChanged(String state, Consumer<ObjectNode> change) {
        ObjectNode changed = result(state).deepCopy();
        change.accept(changed);
        return add(state, AslWalker.returns(changed));
    }

    Script then(String state, AslWalker.Responder... answers) {
        for (AslWalker.Responder answer : answers) {
            add(state, answer);
        }
        return this;
    }

    AslWalker.Run run() {
        return AslWalker.run(definition, input, InfraFiles.resource("context.json"), responders);
    }

    JsonNode result(String state) {
        JsonNode result = results.get(state);
        if (result == null) {
            throw new AssertionError(example + ".fixture.json has no result for " + state);
        }
        return result;
    }

    private Script add(String state, AslWalker.Responder responder) {
        responders.computeIfAbsent(state, s -> new ArrayList<>()).add(responder);
        return this;
    }
}
