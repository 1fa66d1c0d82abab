package dev.signoff.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a JSONPath state machine definition the way Step Functions moves data between states (InputPath,
 * Parameters, ResultSelector, ResultPath, OutputPath, Catch, Choice, inline Map), with every Task's outcome
 * scripted by the test. It shows what a review step really receives after the agent steps before it, and where
 * a Signoff decision leads. Retries, waits and parallelism are out of scope; unsupported constructs throw.
 */
final class AslWalker {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_TRANSITIONS = 500;

    /** What a scripted Task returns. */
    sealed interface Outcome permits Success, Failure {}

    /** Answers one visit of a Task state; a review step's responder plays Signoff and its reviewer. */
    @FunctionalInterface
    interface Responder {
        Outcome answer(Visit visit);
    }

    static Responder returns(JsonNode result) {
        return visit -> new Success(result);
    }

    record Success(JsonNode result) implements Outcome {}

    record Failure(String error, String cause) implements Outcome {}

    /** A Task state entered, with its evaluated Parameters and the context object it saw. */
    record Visit(String state, JsonNode parameters, JsonNode context) {}

    /** How the run ended. {@code status} is SUCCEEDED or FAILED. */
    record Run(String status, JsonNode output, String error, String cause, List<Visit> visits, List<String> path) {
        List<Visit> visitsOf(String state) {
            return visits.stream().filter(v -> v.state().equals(state)).toList();
        }
    }

    private final JsonNode baseContext;
    private final Map<String, Deque<Responder>> script = new HashMap<>();
    private final List<Visit> visits = new ArrayList<>();
    private final List<String> path = new ArrayList<>();
    private int tokens;

    private AslWalker(JsonNode baseContext, Map<String, List<Responder>> script) {
        this.baseContext = baseContext;
        script.forEach((state, outcomes) -> this.script.put(state, new ArrayDeque<>(outcomes)));
    }

    static Run run(JsonNode definition, JsonNode input, JsonNode baseContext, Map<String, List<Responder>> script) {
        AslWalker walker = new AslWalker(baseContext, script);
        Terminal end = walker.machine(definition, input);
        walker.script.forEach((state, left) -> {
            if (!left.isEmpty()) {
                throw new AssertionError("scripted outcomes for " + state + " were never used: " + left);
            }
        });
        return new Run(end.status, end.output, end.error, end.cause, walker.visits, walker.path);
    }

    private record Terminal(String status, JsonNode output, String error, String cause) {}

    private Terminal machine(JsonNode machine, JsonNode input) {
        JsonNode states = machine.get("States");
        String name = machine.get("StartAt").textValue();
        JsonNode data = input;
        for (int i = 0; i < MAX_TRANSITIONS; i++) {
            JsonNode state = states.get(name);
            if (state == null) {
                throw new AssertionError("no state named " + name);
            }
            path.add(name);
            Step step = step(name, state, data);
            if (step.end != null) {
                return step.end;
            }
            data = step.output;
            name = step.next;
        }
        throw new AssertionError("more than " + MAX_TRANSITIONS + " transitions: endless loop? " + path);
    }

    private record Step(JsonNode output, String next, Terminal end) {
        static Step to(JsonNode output, JsonNode state) {
            JsonNode end = state.get("End");
            if (end != null && end.asBoolean()) {
                return new Step(output, null, new Terminal("SUCCEEDED", output, null, null));
            }
            return new Step(output, state.get("Next").textValue(), null);
        }
    }

    private Step step(String name, JsonNode state, JsonNode input) {
        String type = state.get("Type").textValue();
        JsonNode context = context(name);
        JsonNode effective = select(input, state.get("InputPath"));
        return switch (type) {
            case "Pass" -> {
                JsonNode result = state.has("Parameters")
                        ? JsonPathParameters.evaluate(state.get("Parameters"), effective, context)
                        : state.has("Result") ? state.get("Result") : effective;
                yield Step.to(output(state, input, result, state.get("ResultPath")), state);
            }
            case "Task" -> task(name, state, input, effective, context);
            case "Map" -> map(state, input, effective, context);
            case "Choice" -> new Step(select(effective, state.get("OutputPath")), choose(state, effective), null);
            case "Succeed" ->
                new Step(null, null, new Terminal("SUCCEEDED", select(effective, state.get("OutputPath")), null, null));
            case "Fail" ->
                new Step(
                        null,
                        null,
                        new Terminal(
                                "FAILED",
                                null,
                                textOrPath(state, "Error", effective, context),
                                textOrPath(state, "Cause", effective, context)));
            default -> throw new UnsupportedOperationException("state type not supported by the walker: " + type);
        };
    }

    private Step task(String name, JsonNode state, JsonNode input, JsonNode effective, JsonNode context) {
        JsonNode parameters = state.has("Parameters")
                ? JsonPathParameters.evaluate(state.get("Parameters"), effective, context)
                : effective;
        Visit visit = new Visit(name, parameters, context);
        visits.add(visit);
        Deque<Responder> responders = script.get(name);
        if (responders == null || responders.isEmpty()) {
            throw new AssertionError(
                    "the test scripted no (further) outcome for Task state " + name + "; path " + path);
        }
        Outcome outcome = responders.poll().answer(visit);
        if (outcome instanceof Failure failure) {
            return caught(state, input, failure);
        }
        JsonNode result = ((Success) outcome).result();
        if (state.has("ResultSelector")) {
            result = JsonPathParameters.evaluate(state.get("ResultSelector"), result, context);
        }
        return Step.to(output(state, input, result, state.get("ResultPath")), state);
    }

    private Step map(JsonNode state, JsonNode input, JsonNode effective, JsonNode context) {
        JsonNode items = state.has("ItemsPath")
                ? JsonPaths.read(effective, state.get("ItemsPath").textValue(), "ItemsPath")
                : effective;
        if (!items.isArray()) {
            throw new AssertionError("ItemsPath does not select an array: " + items);
        }
        JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        ArrayNode results = NODES.arrayNode();
        for (int i = 0; i < items.size(); i++) {
            ObjectNode itemContext = context.deepCopy();
            itemContext.putObject("Map").putObject("Item").put("Index", i).set("Value", items.get(i));
            JsonNode itemInput = state.has("ItemSelector")
                    ? JsonPathParameters.evaluate(state.get("ItemSelector"), effective, itemContext)
                    : items.get(i);
            Terminal end = machine(processor, itemInput);
            if (end.status.equals("FAILED")) {
                return caught(state, input, new Failure(end.error, end.cause));
            }
            results.add(end.output);
        }
        JsonNode result = state.has("ResultSelector")
                ? JsonPathParameters.evaluate(state.get("ResultSelector"), results, context)
                : results;
        return Step.to(output(state, input, result, state.get("ResultPath")), state);
    }

    private Step caught(JsonNode state, JsonNode input, Failure failure) {
        for (JsonNode catcher : state.path("Catch")) {
            for (JsonNode error : catcher.get("ErrorEquals")) {
                if (error.textValue().equals(failure.error())
                        || error.textValue().equals("States.ALL")) {
                    ObjectNode errorOutput =
                            NODES.objectNode().put("Error", failure.error()).put("Cause", failure.cause());
                    JsonNode resultPath = catcher.has("ResultPath") ? catcher.get("ResultPath") : null;
                    return new Step(
                            resultPath(input, errorOutput, resultPath),
                            catcher.get("Next").textValue(),
                            null);
                }
            }
        }
        return new Step(null, null, new Terminal("FAILED", null, failure.error(), failure.cause()));
    }

    private static JsonNode output(JsonNode state, JsonNode input, JsonNode result, JsonNode resultPath) {
        return select(resultPath(input, result, resultPath), state.get("OutputPath"));
    }

    private static JsonNode resultPath(JsonNode input, JsonNode result, JsonNode resultPath) {
        if (resultPath == null) {
            return result;
        }
        if (resultPath.isNull()) {
            return input;
        }
        return JsonPaths.write(input, resultPath.textValue(), result);
    }

    private static JsonNode select(JsonNode data, JsonNode path) {
        return path == null ? data : JsonPaths.read(data, path.textValue(), path.textValue());
    }

    private static String textOrPath(JsonNode state, String field, JsonNode input, JsonNode context) {
        if (state.has(field)) {
            return state.get(field).textValue();
        }
        if (state.has(field + "Path")) {
            return JsonPathParameters.expression(state.get(field + "Path").textValue(), input, context)
                    .asText();
        }
        return null;
    }

    private String choose(JsonNode state, JsonNode input) {
        for (JsonNode rule : state.get("Choices")) {
            if (ChoiceRules.matches(rule, input)) {
                return rule.get("Next").textValue();
            }
        }
        if (!state.has("Default")) {
            throw new AssertionError("no choice matched and no Default (States.NoChoiceMatched)");
        }
        return state.get("Default").textValue();
    }

    private JsonNode context(String stateName) {
        ObjectNode context = baseContext.deepCopy();
        ObjectNode stateNode = context.withObjectProperty("State");
        stateNode.put("Name", stateName);
        context.withObjectProperty("Task")
                .put("Token", baseContext.at("/Task/Token").textValue() + "-" + (++tokens));
        return context;
    }
}
