package dev.signoff.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ContractJson;
import dev.signoff.web.SchemaForm.Field;
import dev.signoff.web.SchemaForm.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schema form as the flat list of rows the template prints: fieldsets open and close around objects and arrays,
 * each value is one labelled control with the input attributes its schema maps to, and arrays get add and remove
 * buttons that post the form back (so they work without JavaScript).
 */
final class FormRows {

    /** One option of a select: {@code value} is the JSON text of the choice. */
    public record Option(String value, String label, boolean selected) {}

    /**
     * One row. {@code kind}: open, close, input, textarea, select, count (hidden item count), add, remove.
     * {@code action}: the step an add/remove button posts.
     */
    public record Row(
            String kind,
            String id,
            String name,
            String label,
            String hint,
            String value,
            String type,
            boolean required,
            String min,
            String max,
            String step,
            String pattern,
            String maxLength,
            String error,
            List<Option> options,
            String action) {}

    private final Map<String, String> form;
    private final Map<String, String> errors;
    private final List<Row> rows = new ArrayList<>();
    private int ids;

    private FormRows(Map<String, String> form, Map<String, String> errors) {
        this.form = form;
        this.errors = errors;
    }

    /** {@code errors}: pointer -> message, each shown next to the field at that pointer. */
    static List<Row> of(Field root, Map<String, String> form, Map<String, String> errors) {
        FormRows out = new FormRows(form, errors);
        root.properties().forEach((name, child) -> out.field(child, FormJson.child("", name), child.label(), null));
        return List.copyOf(out.rows);
    }

    /** Every pointer a field of this form shows errors for. */
    static Set<String> pointers(List<Row> rows) {
        Set<String> pointers = new java.util.HashSet<>();
        for (Row row : rows) {
            if (row.name() != null
                    && (row.name().startsWith(FormJson.VALUE) || row.name().startsWith(FormJson.COUNT))) {
                pointers.add(row.name().substring(1));
            }
        }
        return pointers;
    }

    private void field(Field field, String pointer, String label, String removeAction) {
        String error = errors.get(pointer);
        switch (field.kind()) {
            case OBJECT -> {
                rows.add(group("open", pointer, label, field, error));
                field.properties()
                        .forEach((name, child) -> field(child, FormJson.child(pointer, name), child.label(), null));
                if (removeAction != null) {
                    rows.add(button("remove", "Remove " + label, removeAction));
                }
                rows.add(group("close", pointer, label, field, null));
            }
            case ARRAY -> {
                rows.add(group("open", pointer, label, field, error));
                int count = FormJson.count(form.get(FormJson.COUNT + pointer));
                rows.add(new Row(
                        "count",
                        null,
                        FormJson.COUNT + pointer,
                        null,
                        null,
                        String.valueOf(count),
                        null,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        null));
                for (int i = 0; i < count; i++) {
                    field(field.items(), pointer + "/" + i, label + " item " + (i + 1), "remove:" + pointer + "/" + i);
                }
                rows.add(button("add", "Add an item to " + label, "add:" + pointer));
                rows.add(group("close", pointer, label, field, null));
            }
            default -> {
                rows.add(control(field, pointer, label, error));
                if (removeAction != null) {
                    rows.add(button("remove", "Remove " + label, removeAction));
                }
            }
        }
    }

    private Row group(String kind, String pointer, String label, Field field, String error) {
        return new Row(
                kind,
                "g" + (++ids),
                FormJson.VALUE + pointer,
                label,
                field.description(),
                null,
                null,
                field.required(),
                null,
                null,
                null,
                null,
                null,
                error,
                List.of(),
                null);
    }

    private Row button(String kind, String label, String action) {
        return new Row(
                kind,
                "b" + (++ids),
                "step",
                label,
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                action);
    }

    private Row control(Field field, String pointer, String label, String error) {
        String name = FormJson.VALUE + pointer;
        String value = form.getOrDefault(name, "");
        String id = "f" + (++ids);
        String hint = field.description();
        if (field.kind() == Kind.ENUM || field.kind() == Kind.BOOLEAN) {
            List<JsonNode> choices = field.kind() == Kind.ENUM
                    ? field.options()
                    : List.of(
                            com.fasterxml.jackson.databind.node.BooleanNode.TRUE,
                            com.fasterxml.jackson.databind.node.BooleanNode.FALSE);
            List<Option> options = new ArrayList<>();
            options.add(new Option("", field.required() ? "Choose…" : "(none)", value.isEmpty()));
            for (JsonNode choice : choices) {
                String json = ContractJson.write(choice);
                String shown = choice.isBoolean() ? (choice.booleanValue() ? "Yes" : "No") : choice.asText();
                options.add(new Option(json, shown, json.equals(value.strip())));
            }
            return new Row(
                    "select",
                    id,
                    name,
                    label,
                    hint,
                    value,
                    null,
                    field.required(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    error,
                    options,
                    null);
        }
        String type = "text";
        String step = null;
        String min = null;
        String max = null;
        String pattern = null;
        if (field.kind() == Kind.NUMBER || field.kind() == Kind.INTEGER) {
            // "any": without it the browser refuses 100.10 as off the default step of 1.
            type = "number";
            step = field.kind() == Kind.INTEGER ? "1" : "any";
            min = number(field.schema().get("minimum"));
            max = number(field.schema().get("maximum"));
        } else {
            type = switch (String.valueOf(field.keyword("format"))) {
                case "date" -> "date";
                case "email" -> "email";
                case "uri" -> "url";
                default -> "text";
            };
            String regex = field.keyword("pattern");
            // JSON Schema patterns match anywhere; the browser anchors a pattern attribute at both ends.
            pattern = regex == null ? null : "[\\s\\S]*(?:" + regex + ")[\\s\\S]*";
        }
        String maxLength = number(field.schema().get("maxLength"));
        boolean multiline = type.equals("text") && (value.contains("\n") || parse(maxLength) >= 500);
        return new Row(
                multiline ? "textarea" : "input",
                id,
                name,
                label,
                hint,
                value,
                type,
                field.required(),
                min,
                max,
                step,
                multiline ? null : pattern,
                maxLength,
                error,
                List.of(),
                null);
    }

    private static String number(JsonNode node) {
        return node == null || !node.isNumber() ? null : ContractJson.write(node);
    }

    private static long parse(String number) {
        try {
            return number == null ? 0 : Long.parseLong(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
