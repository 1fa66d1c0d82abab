package dev.signoff.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The feature packages form layers whose arrows run one way (docs/architecture.md, "Code layout"): pages and APIs on
 * top, then the admin dashboard's reads and actions, then intake, then decisions, then review tasks, then the leaves.
 * A package may use only packages of a lower layer, so no two packages can ever depend on each other.
 */
class LayersTest {

    private static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("web", 5),
            Map.entry("sandbox", 5),
            // The gauges at /q/metrics: the admin dashboard's counts and the dispatch backlog, read on a schedule.
            Map.entry("metrics", 5),
            // The admin dashboard: reads and actions over intake's, decisions' and tasks' records.
            Map.entry("admin", 4),
            Map.entry("intake", 3),
            Map.entry("notify", 3),
            Map.entry("decision", 2),
            Map.entry("review", 1),
            Map.entry("artifacts", 0),
            Map.entry("audit", 0),
            Map.entry("contract", 0),
            Map.entry("health", 0),
            Map.entry("security", 0),
            // Below the leaves: constraints any feature's @ConfigMapping may use; it may use nothing itself.
            Map.entry("config", -1),
            // Below the leaves too: SQL helpers any feature's queries may use; it uses nothing itself.
            Map.entry("sql", -1));

    private static final List<Path> SOURCE_ROOTS = List.of(Path.of("src/main/java"), Path.of("src/sandbox/java"));
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.signoff\\.([a-z]+)\\.");

    @Test
    void every_package_is_in_a_layer() {
        assertThat(LAYER.keySet()).containsAll(dependencies().keySet());
    }

    @Test
    void packages_use_only_packages_of_lower_layers() {
        List<String> upward = new ArrayList<>();
        dependencies()
                .forEach((from, targets) -> targets.forEach(to -> {
                    if (LAYER.getOrDefault(to, 0) >= LAYER.getOrDefault(from, 0)) {
                        upward.add(from + " -> " + to);
                    }
                }));

        assertThat(upward).as("dependencies that do not point down a layer").isEmpty();
    }

    @Test
    void the_domain_knows_nothing_of_pages_or_the_sandbox() {
        dependencies().forEach((from, targets) -> {
            if (!from.equals("web") && !from.equals("sandbox")) {
                assertThat(targets).as(from).doesNotContain("web", "sandbox");
            }
        });
    }

    /** Feature package -> the feature packages its sources name (imports and qualified names). */
    static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path root : SOURCE_ROOTS) {
            Path base = root.resolve("dev/signoff");
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(base)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    Path relative = base.relativize(f);
                    if (relative.getNameCount() < 2) {
                        return; // dev.signoff itself: the app-wide clock, used by all and using none
                    }
                    String feature = relative.getName(0).toString();
                    Set<String> targets = graph.computeIfAbsent(feature, k -> new TreeSet<>());
                    Matcher m = REFERENCE.matcher(read(f));
                    while (m.find()) {
                        if (!m.group(1).equals(feature)) {
                            targets.add(m.group(1));
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(graph).as("sources found under " + SOURCE_ROOTS).containsKeys("review", "web");
        return graph;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
