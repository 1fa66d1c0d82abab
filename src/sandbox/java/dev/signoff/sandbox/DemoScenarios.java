package dev.signoff.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The sandbox's demo executions: three agentic patterns on three state machines (definitions and agent outputs
 * under {@code sandbox/demo/}). Artifacts point at the objects the sandbox seeds into its bucket under
 * {@code demo/<workflow>/} ({@link #artifactKeys()}); the texts describe those very files.
 */
public final class DemoScenarios {

    public static final String DEFAULT_BUCKET = "signoff-sandbox";
    public static final String DOCUMENT_PROCESSING = "document-processing";
    public static final String COMPLIANCE_REVIEW = "compliance-review";
    public static final String MULTI_DAY_RESEARCH = "multi-day-research";

    private static final String DEMO_URI_PREFIX = "s3://" + DEFAULT_BUCKET + "/";

    private record Spec(String name, String pattern, String stateMachine, Duration dueIn, Duration expiresIn) {}

    // The reminder's review closes 20 minutes after the sandbox starts it, so Signoff.Expired can be watched live.
    private static final List<Spec> SPECS = List.of(
            new Spec(
                    "invoice-INV-2026-0147",
                    DOCUMENT_PROCESSING,
                    "invoice-extraction",
                    Duration.ofHours(6),
                    Duration.ofHours(24)),
            new Spec(
                    "invoice-INV-2026-0147-reminder",
                    DOCUMENT_PROCESSING,
                    "invoice-extraction",
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(20)),
            new Spec(
                    "expense-case-r-alvarez",
                    COMPLIANCE_REVIEW,
                    "expense-compliance-review",
                    Duration.ofDays(2),
                    Duration.ofDays(4)),
            new Spec(
                    "expense-case-j-okafor",
                    COMPLIANCE_REVIEW,
                    "expense-compliance-review",
                    Duration.ofDays(2),
                    Duration.ofDays(4)),
            new Spec(
                    "expense-case-m-tanaka",
                    COMPLIANCE_REVIEW,
                    "expense-compliance-review",
                    Duration.ofDays(3),
                    Duration.ofDays(4)),
            new Spec(
                    "hitl-market-sizing-day-3",
                    MULTI_DAY_RESEARCH,
                    "market-research",
                    Duration.ofDays(3),
                    Duration.ofDays(5)),
            new Spec(
                    "hitl-vendor-landscape",
                    MULTI_DAY_RESEARCH,
                    "market-research",
                    Duration.ofDays(4),
                    Duration.ofDays(5)));

    private final List<DemoScenario> scenarios;

    private DemoScenarios(List<DemoScenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    /** The scenarios with artifacts in {@link #DEFAULT_BUCKET} and the demo's own size figures. */
    public static DemoScenarios load() {
        return load(DEFAULT_BUCKET, key -> OptionalLong.empty());
    }

    /**
     * @param bucket the bucket the sandbox seeded the demo artifacts into
     * @param sizeOf the real size of a seeded object by key, so {@code sizeBytes} matches; empty keeps the demo's
     */
    public static DemoScenarios load(String bucket, Function<String, OptionalLong> sizeOf) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(sizeOf, "sizeOf");
        Map<String, ReviewStateDefinition> states = new HashMap<>();
        List<DemoScenario> scenarios = new ArrayList<>();
        for (Spec spec : SPECS) {
            ReviewStateDefinition state = states.computeIfAbsent(spec.stateMachine(), ReviewStateDefinition::load);
            JsonNode agentOutput = readExecution(spec.name());
            pointArtifactsAt(agentOutput, bucket, sizeOf);
            scenarios.add(new DemoScenario(
                    spec.name(),
                    spec.pattern(),
                    state.stateMachineName(),
                    state.stateName(),
                    state.timeoutSeconds(),
                    state.heartbeatSeconds(),
                    spec.dueIn(),
                    spec.expiresIn(),
                    agentOutput.toString(),
                    state.messageBody()));
        }
        return new DemoScenarios(scenarios);
    }

    public List<DemoScenario> all() {
        return scenarios;
    }

    public List<String> names() {
        return scenarios.stream().map(DemoScenario::name).toList();
    }

    /** @throws IllegalArgumentException naming the known scenarios when there is none of that name */
    public DemoScenario byName(String name) {
        return scenarios.stream()
                .filter(scenario -> scenario.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("No demo scenario named '" + name + "'; known: " + names()));
    }

    /** The S3 keys the scenarios' artifacts point at: what the sandbox must seed. */
    public Set<String> artifactKeys() {
        Set<String> keys = new TreeSet<>();
        for (DemoScenario scenario : scenarios) {
            collectKeys(readTree(scenario.agentOutput()), keys);
        }
        return keys;
    }

    private static JsonNode readExecution(String name) {
        String resource = "/sandbox/demo/executions/" + name + ".json";
        try (InputStream in = DemoScenarios.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No demo execution input at " + resource);
            }
            return MessageBodyTemplate.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return MessageBodyTemplate.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites every {@code {"uri": "s3://signoff-sandbox/<key>", ...}} in the agent output. */
    private static void pointArtifactsAt(JsonNode node, String bucket, Function<String, OptionalLong> sizeOf) {
        if (node.isObject() && node.path("uri").asText().startsWith(DEMO_URI_PREFIX)) {
            String key = node.path("uri").asText().substring(DEMO_URI_PREFIX.length());
            ((ObjectNode) node).put("uri", "s3://" + bucket + "/" + key);
            sizeOf.apply(key).ifPresent(size -> ((ObjectNode) node).put("sizeBytes", size));
        }
        node.forEach(child -> pointArtifactsAt(child, bucket, sizeOf));
    }

    private static void collectKeys(JsonNode node, Set<String> keys) {
        String uri = node.path("uri").asText();
        if (node.isObject() && uri.startsWith("s3://")) {
            keys.add(uri.substring(uri.indexOf('/', "s3://".length()) + 1));
        }
        node.forEach(child -> collectKeys(child, keys));
    }
}
