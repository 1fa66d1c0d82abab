package dev.signoff.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md promises every Signoff setting with its environment variable and default. The settings are
 * read from the {@code @ConfigMapping} interfaces themselves, so a new, renamed or removed property fails here until
 * the page says so.
 */
class ConfigurationDocTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path PAGE = ROOT.resolve("docs/configuration.md");

    /**
     * One property as the code declares it: {@code <id>} stands for a map key. {@code allowed}: its constraints in
     * the page's words (see {@link AllowedValues}).
     */
    record Declared(String name, Optional<String> defaultValue, boolean required, List<String> allowed) {}

    /** One row of a property table: the names in its first cell, the env vars in its second, its default, meaning. */
    record Row(List<String> names, List<String> envVars, String defaultCell, String meaning) {}

    @Test
    void every_declared_property_is_documented_with_its_environment_variable_and_default() throws Exception {
        Map<String, Row> documented = documentedRows();
        for (Declared property : declared()) {
            Row row = documented.get(property.name());
            assertThat(row)
                    .as(property.name() + " is missing from docs/configuration.md")
                    .isNotNull();
            if (!row.envVars().isEmpty()) {
                assertThat(row.envVars()).as(property.name()).contains(envVar(property.name()));
            }
            if (property.defaultValue().isPresent()) {
                assertThat(row.defaultCell())
                        .as(property.name())
                        .isEqualTo("`" + property.defaultValue().get() + "`");
            } else if (property.required()) {
                assertThat(row.defaultCell()).as(property.name()).isEqualTo("required");
            } else {
                assertThat(row.defaultCell()).as(property.name()).isNotEqualTo("required");
            }
        }
    }

    /** The ranges the app enforces at start-up (Bean Validation on the mappings) are the ranges the page states. */
    @Test
    void every_range_the_code_enforces_is_stated_on_the_page_and_no_other() throws Exception {
        Map<String, Row> documented = documentedRows();
        for (Declared property : declared()) {
            String meaning = documented.get(property.name()).meaning();
            if (property.allowed().isEmpty()) {
                assertThat(meaning)
                        .as(property.name() + " has no range in the code")
                        .doesNotContain("Allowed:");
            } else {
                assertThat(meaning).as(property.name()).contains("Allowed: " + String.join(", ", property.allowed()));
            }
        }
    }

    @Test
    void the_page_documents_no_property_the_code_does_not_have() throws Exception {
        List<String> declared = declared().stream().map(Declared::name).toList();
        assertThat(documentedRows().keySet())
                .allSatisfy(name -> assertThat(declared)
                        .as(name + " is documented but no @ConfigMapping declares it")
                        .contains(name));
    }

    @Test
    void every_signoff_key_in_application_properties_is_a_declared_property() throws Exception {
        List<Pattern> declared = declared().stream()
                .map(d -> Pattern.compile(Pattern.quote(d.name()).replace("<id>", "\\E[^.]+\\Q")))
                .toList();
        for (String line : Files.readAllLines(ROOT.resolve("src/main/resources/application.properties"))) {
            String key = line.split("=", 2)[0].trim().replaceFirst("^%[\\w,-]+\\.", "");
            if (key.startsWith("signoff.")) {
                assertThat(declared).as(key).anyMatch(p -> p.matcher(key).matches());
            }
        }
    }

    @Test
    void environment_variable_names_follow_quarkus_mapping() {
        assertThat(envVar("signoff.intake.queue-url")).isEqualTo("SIGNOFF_INTAKE_QUEUE_URL");
        assertThat(envVar("signoff.security.token-keys.<id>")).isEqualTo("SIGNOFF_SECURITY_TOKEN_KEYS_<ID>");
    }

    static String envVar(String property) {
        return property.replace("<id>", "\u0000")
                .toUpperCase()
                .replaceAll("[^A-Z0-9\u0000]", "_")
                .replace("\u0000", "<ID>");
    }

    static List<Declared> declared() throws IOException, ClassNotFoundException {
        List<Declared> properties = new ArrayList<>();
        for (Class<?> mapping : mappings()) {
            walk(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, false, properties);
        }
        assertThat(properties).hasSizeGreaterThan(20);
        return properties;
    }

    /** Every interface under src/main/java and src/sandbox/java annotated with @ConfigMapping, found from the sources. */
    private static List<Class<?>> mappings() throws IOException, ClassNotFoundException {
        List<Class<?>> found = new ArrayList<>();
        for (Path sources : List.of(ROOT.resolve("src/main/java"), ROOT.resolve("src/sandbox/java"))) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (Files.readString(file).contains("@ConfigMapping(")) {
                        String name = sources.relativize(file)
                                .toString()
                                .replace(".java", "")
                                .replace('/', '.');
                        found.add(Class.forName(name));
                    }
                }
            }
        }
        assertThat(found).as("@ConfigMapping interfaces").hasSizeGreaterThanOrEqualTo(5);
        return found;
    }

    /** {@code perEntry}: inside a map of groups, where no entry has to exist, so nothing is required overall. */
    private static void walk(String prefix, Class<?> group, boolean perEntry, List<Declared> out) {
        for (Method method : group.getDeclaredMethods()) {
            if (method.isDefault()
                    || method.isSynthetic()
                    || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName rename = method.getAnnotation(WithName.class);
            String name = prefix + "." + (rename != null ? rename.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type == Map.class) {
                Type value = ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[1];
                if (value instanceof Class<?> c && c.isInterface()) {
                    walk(name + ".<id>", c, true, out);
                } else {
                    out.add(new Declared(name + ".<id>", Optional.empty(), true, List.of()));
                }
            } else if (type.isInterface() && type.getPackageName().startsWith("dev.signoff")) {
                walk(name, type, perEntry, out);
            } else {
                WithDefault fallback = method.getAnnotation(WithDefault.class);
                boolean optional =
                        type == Optional.class || type.getSimpleName().startsWith("Optional");
                out.add(new Declared(
                        name,
                        Optional.ofNullable(fallback).map(WithDefault::value),
                        fallback == null && !optional && !perEntry,
                        AllowedValues.of(prefix, group, method)));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** Rows of the property tables (first header cell "Property"), keyed by every property name in the row. */
    static Map<String, Row> documentedRows() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(PAGE)) {
            if (line.startsWith("| Property |")) {
                inTable = true;
                continue;
            }
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.split("\\|");
            Row row = new Row(names(cells[1]), ticked(cells[2]), cells[3].trim(), cells[4].trim());
            row.names().forEach(n -> rows.put(n, row));
        }
        assertThat(rows).as("property rows in docs/configuration.md").isNotEmpty();
        return rows;
    }

    /** `a.b.c`, `a.b.d` or `a.b.<id>.name` / `.email`: a name starting with a dot continues the one before. */
    private static List<String> names(String cell) {
        List<String> names = new ArrayList<>();
        for (String token : ticked(cell)) {
            if (token.startsWith(".") && !names.isEmpty()) {
                String previous = names.get(names.size() - 1);
                names.add(previous.substring(0, previous.lastIndexOf('.')) + token);
            } else {
                names.add(token);
            }
        }
        return names;
    }

    private static List<String> ticked(String cell) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
