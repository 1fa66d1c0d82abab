package dev.signoff.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.sandbox.stepfunctions.TaskContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * A Task state's {@code Parameters.MessageBody} in the JSONPath query language, rendered the way Step Functions
 * renders it: a key ending in {@code .$} takes its value from the state input ({@code $.a.b}), the context object
 * ({@code $$.Task.Token}) or {@code States.Format(...)} and loses the suffix; everything else is copied. A path
 * that selects nothing fails the way Step Functions fails the state ({@code States.Runtime}).
 */
public final class MessageBodyTemplate {

    static final ObjectMapper JSON = new ObjectMapper();
    // The form of $$.State.EnteredTime.
    private static final DateTimeFormatter ENTERED_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectNode template;

    private MessageBodyTemplate(ObjectNode template) {
        this.template = template;
    }

    /** @throws IllegalArgumentException if it is not an object or an expression is not supported */
    public static MessageBodyTemplate of(JsonNode template) {
        Objects.requireNonNull(template, "template");
        if (!template.isObject()) {
            throw new IllegalArgumentException("MessageBody must be a JSON object");
        }
        checkExpressions(template);
        return new MessageBodyTemplate(template.deepCopy());
    }

    /** The body Step Functions would send for this state input and context. */
    public ObjectNode render(JsonNode input, TaskContext context) {
        return resolve(template, input, contextObject(context));
    }

    public String renderToString(JsonNode input, TaskContext context) {
        try {
            return JSON.writeValueAsString(render(input, context));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a rendered message body", e);
        }
    }

    /** The template as written, e.g. to show in the sandbox. */
    public ObjectNode template() {
        return template.deepCopy();
    }

    private static ObjectNode resolve(ObjectNode node, JsonNode input, JsonNode context) {
        ObjectNode out = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.endsWith(".$")) {
                String name = key.substring(0, key.length() - 2);
                out.set(name, Expression.parse(value.textValue()).evaluate(input, context));
            } else if (value.isObject()) {
                out.set(key, resolve((ObjectNode) value, input, context));
            } else {
                out.set(key, value.deepCopy());
            }
        }
        return out;
    }

    private static void checkExpressions(JsonNode node) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().endsWith(".$")) {
                if (!field.getValue().isTextual()) {
                    throw new IllegalArgumentException("The value of " + field.getKey() + " must be a string");
                }
                Expression.parse(field.getValue().textValue());
            } else if (field.getValue().isObject()) {
                checkExpressions(field.getValue());
            }
        }
    }

    static ObjectNode contextObject(TaskContext context) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("Execution").put("Id", context.executionArn()).put("Name", lastSegment(context.executionArn()));
        root.putObject("StateMachine")
                .put("Id", context.stateMachineArn())
                .put("Name", lastSegment(context.stateMachineArn()));
        root.putObject("State")
                .put("Name", context.stateName())
                .put("EnteredTime", ENTERED_TIME.format(context.enteredAt()))
                .put("RetryCount", 0);
        root.putObject("Task").put("Token", context.taskToken());
        return root;
    }

    private static String lastSegment(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }
}
