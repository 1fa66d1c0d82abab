package dev.signoff.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a workflow's {@code outputSchema} and the output a reviewer approves against it. Schemas are JSON Schema
 * draft 2020-12 unless they name another dialect in {@code $schema}. Only references inside the schema resolve:
 * nothing is fetched from the network or the classpath, because the schema comes from the workflow.
 */
@Singleton
public class OutputSchemaValidator {
    static final String DEFAULT_DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final int MAX_MESSAGES = 10;
    private static final int ACCEPTED_KEPT = 64;
    private static final Set<String> DIALECTS = Set.of(
            DEFAULT_DIALECT,
            "https://json-schema.org/draft/2019-09/schema",
            "http://json-schema.org/draft-07/schema#",
            "http://json-schema.org/draft-07/schema");

    /**
     * Schemas (as compact JSON) that passed {@link #schemaProblems}, the most recent {@link #ACCEPTED_KEPT}: a
     * workflow sends the same schema with every request, and meta-validating and compiling it is most of what
     * taking a request in costs. Only passes are kept, so a refusal is always worked out afresh.
     */
    private final Set<String> accepted = Collections.newSetFromMap(
            Collections.synchronizedMap(new LinkedHashMap<String, Boolean>(ACCEPTED_KEPT, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > ACCEPTED_KEPT;
                }
            }));

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaCacheEnabled(false)
                    .schemaLoader(loader -> loader.block(iri -> !iri.toString().startsWith("https://json-schema.org/")
                            && !iri.toString().startsWith("http://json-schema.org/")))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_PATH)
                            .regularExpressionFactory(LinearRegex.INSTANCE)
                            .build()));

    /**
     * Why {@code schema} cannot be used to check outputs, each {@code "outputSchema<path>: <problem>"}; empty when it
     * can.
     */
    public List<String> schemaProblems(JsonNode schema) {
        if (!schema.isObject()) {
            return List.of("outputSchema: must be a JSON object");
        }
        // Bounded before the validator sees it: meta-validation recurses once per level.
        String tooDeep = FreeJson.depthProblem(schema, "outputSchema", Limits.MAX_OUTPUT_SCHEMA_DEPTH);
        if (tooDeep != null) {
            return List.of(tooDeep);
        }
        String compact = ContractJson.write(schema);
        if (accepted.contains(compact)) {
            return List.of();
        }
        long bytes = ContractJson.utf8Length(compact);
        if (bytes > Limits.MAX_OUTPUT_SCHEMA_BYTES) {
            return List.of("outputSchema: is " + Fields.number(bytes) + " bytes as compact JSON; at most "
                    + Fields.number(Limits.MAX_OUTPUT_SCHEMA_BYTES) + " are accepted");
        }
        JsonNode declared = schema.get("$schema");
        String dialect = declared == null ? DEFAULT_DIALECT : declared.asText();
        if (!DIALECTS.contains(dialect)) {
            return List.of("outputSchema.$schema: must be " + DEFAULT_DIALECT + " (or draft 2019-09 / draft-07), not "
                    + ContractJson.quote(dialect));
        }
        try {
            List<Error> metaErrors =
                    registry.getSchema(SchemaLocation.of(dialect)).validate(schema);
            if (!metaErrors.isEmpty()) {
                return messages("outputSchema", metaErrors);
            }
            compile(schema);
            accepted.add(compact);
            return List.of();
        } catch (RuntimeException e) {
            return List.of("outputSchema: cannot be used: "
                    + LinearRegex.unsupported(e).orElse(e.getMessage()));
        } catch (StackOverflowError e) {
            // The depth limit keeps this from happening; should a schema still recurse too deep (a $ref cycle the
            // validator follows), it is refused instead of ending the thread.
            return List.of("outputSchema: cannot be used: too deeply nested or recursive to check");
        }
    }

    /**
     * Where {@code output} breaks {@code schema}, each {@code "output<path>: <problem>"} (e.g. {@code output.amount:
     * string found, integer expected}); empty when it fits.
     */
    public List<String> outputProblems(JsonNode schema, JsonNode output) {
        List<String> schemaProblems = schemaProblems(schema);
        if (!schemaProblems.isEmpty()) {
            return schemaProblems;
        }
        String tooDeep = FreeJson.depthProblem(output, "output", Limits.MAX_OUTPUT_DEPTH);
        if (tooDeep != null) {
            return List.of(tooDeep);
        }
        try {
            return messages("output", compile(schema).validate(output));
        } catch (StackOverflowError e) {
            return List.of("output: too deeply nested to check against outputSchema");
        }
    }

    /**
     * Where {@code output} breaks {@code schema}, one entry per error with the JSON Pointer of the value it is about
     * ({@code /lines/0/amount}; a missing required property points at where it belongs), for showing each error next
     * to its field. Empty when it fits. The schema must have passed {@link #schemaProblems}.
     */
    public List<Violation> violations(JsonNode schema, JsonNode output) {
        if (FreeJson.depthProblem(output, "output", Limits.MAX_OUTPUT_DEPTH) != null) {
            return List.of(new Violation("", "too deeply nested to check against outputSchema"));
        }
        try {
            return compile(schema).validate(output).stream()
                    .map(OutputSchemaValidator::violation)
                    .toList();
        } catch (StackOverflowError e) {
            return List.of(new Violation("", "too deeply nested to check against outputSchema"));
        }
    }

    /** One schema error: {@code pointer} is a JSON Pointer into the output ("" for the whole output). */
    public record Violation(String pointer, String message) {}

    private static Violation violation(Error error) {
        StringBuilder pointer = new StringBuilder();
        var at = error.getInstanceLocation();
        for (int i = 0; i < at.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(at.getElement(i))));
        }
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            pointer.append('/').append(escape(error.getProperty()));
        }
        String text = error.toString();
        int colon = text.startsWith("$") ? text.indexOf(": ") : -1;
        return new Violation(pointer.toString(), colon < 0 ? text : text.substring(colon + 2));
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private Schema compile(JsonNode schema) {
        Schema compiled = registry.getSchema(schema);
        compiled.initializeValidators();
        return compiled;
    }

    /** Error texts start with the instance's JSON path, {@code $...}; {@code root} replaces the {@code $}. */
    private static List<String> messages(String root, List<Error> errors) {
        List<String> messages = errors.stream()
                .limit(MAX_MESSAGES)
                .map(Error::toString)
                .map(text -> text.startsWith("$") ? root + text.substring(1) : root + ": " + text)
                .toList();
        if (errors.size() <= MAX_MESSAGES) {
            return messages;
        }
        return java.util.stream.Stream.concat(
                        messages.stream(),
                        java.util.stream.Stream.of("and " + (errors.size() - MAX_MESSAGES) + " more"))
                .toList();
    }
}
