package dev.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The production app as {@code mvn package} leaves it in {@code target/quarkus-app} (and as the image layers it):
 * neither the sandbox (src/sandbox: the Step Functions stand-in, embedded SQS and S3, demo driver, its page and demo
 * data) nor a library that only the sandbox needs. The sandbox build ({@code -Dquarkus.profile=sandbox}) skips this.
 */
class ProductionPackageIT {

    private static final Path APP = Path.of("target", "quarkus-app");

    /** Entries of the app's own jars that belong to the sandbox. */
    private static final List<String> SANDBOX_ENTRIES =
            List.of("dev/signoff/sandbox/", "sandbox/", "templates/SandboxPage/");

    /** Packages of the sandbox's libraries, which no jar of the app may carry (not even Quarkus' generated code). */
    private static final List<String> SANDBOX_LIBRARY_PACKAGES =
            List.of("org/elasticmq/", "org/apache/pekko/", "scala/", "org/gaul/", "org/jclouds/", "org/h2/");

    /**
     * Lib jars are named {@code <groupId>.<artifactId>-<version>.jar}: the sandbox's libraries and the transitive
     * dependencies that only they bring.
     */
    private static final Map<String, Pattern> SANDBOX_LIBRARIES = Map.ofEntries(
            Map.entry("ElasticMQ", prefix("org.elasticmq.")),
            Map.entry("Pekko", prefix("org.apache.pekko.")),
            Map.entry("the Scala library, reflect or modules", prefix("org.scala-lang.")),
            Map.entry(
                    "a Scala library (artifact id ending in its Scala version)",
                    Pattern.compile(".*_(2\\.1[0-3]|3)-.*")),
            Map.entry("S3Proxy", prefix("org.gaul.")),
            Map.entry("jclouds", prefix("org.apache.jclouds.")),
            Map.entry("the H2 database", prefix("com.h2database.")),
            Map.entry("the H2 JDBC extension", prefix("io.quarkus.quarkus-jdbc-h2-")),
            Map.entry("H2's JTS (spatial types)", prefix("org.locationtech.jts.")),
            Map.entry("ElasticMQ's scalikejdbc", prefix("org.scalikejdbc.")),
            Map.entry("ElasticMQ's pureconfig", prefix("com.github.pureconfig.")),
            Map.entry("Pekko's spray-json", prefix("io.spray.")),
            Map.entry("Pekko's parboiled", prefix("org.parboiled.")),
            Map.entry("Typesafe config, ssl-config or scala-logging (Pekko, ElasticMQ)", prefix("com.typesafe.")),
            Map.entry("S3Proxy's jimfs", prefix("com.google.jimfs.")));

    @Test
    void the_production_app_carries_no_class_or_resource_of_the_sandbox() {
        List<Path> appJars = jars(APP.resolve("app"));
        assertThat(appJars).as("the application jar in " + APP.resolve("app")).hasSize(1);
        List<String> appEntries = entries(appJars.get(0));
        assertThat(appEntries)
                .as("the application jar holds Signoff's own classes")
                .anyMatch(e -> e.startsWith("dev/signoff/intake/") && e.endsWith(".class"))
                .anyMatch(e -> e.startsWith("dev/signoff/review/") && e.endsWith(".class"));
        Path generated = APP.resolve("quarkus/generated-bytecode.jar");
        assertThat(entries(generated))
                .as(generated + " holds the app's generated classes")
                .anyMatch(e -> e.endsWith(".class"));

        List<Path> checked = new ArrayList<>(appJars);
        checked.add(generated);
        Path transformed = APP.resolve("quarkus/transformed-bytecode.jar");
        if (Files.exists(transformed)) {
            checked.add(transformed);
        }
        List<String> offending = new ArrayList<>();
        for (Path jar : checked) {
            for (String entry : entries(jar)) {
                if (SANDBOX_ENTRIES.stream().anyMatch(entry::startsWith)
                        || SANDBOX_LIBRARY_PACKAGES.stream().anyMatch(entry::startsWith)) {
                    offending.add(APP.relativize(jar) + "!/" + entry);
                }
            }
        }
        for (Path jar : libJars()) {
            for (String entry : entries(jar)) {
                if (entry.startsWith("dev/signoff/sandbox/")) {
                    offending.add(APP.relativize(jar) + "!/" + entry);
                }
            }
        }
        assertThat(offending).as("sandbox entries in the production app").isEmpty();
    }

    @Test
    void the_production_app_carries_no_library_that_only_the_sandbox_uses() {
        List<Path> libs = libJars();
        List<String> names = libs.stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names)
                .as("the production app's libraries (PostgreSQL driver, Quarkus core)")
                .anyMatch(n -> n.startsWith("org.postgresql.postgresql-"))
                .anyMatch(n -> n.startsWith("io.quarkus.quarkus-core-"));

        List<String> offending = new ArrayList<>();
        for (Path lib : libs) {
            String name = lib.getFileName().toString();
            List<String> what = SANDBOX_LIBRARIES.entrySet().stream()
                    .filter(rule -> rule.getValue().matcher(name).matches())
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
            if (!what.isEmpty()) {
                offending.add(APP.relativize(lib) + " (" + String.join("; ", what) + ")");
            }
        }
        assertThat(offending).as("sandbox libraries in the production app").isEmpty();
    }

    private static Pattern prefix(String jarNamePrefix) {
        return Pattern.compile(Pattern.quote(jarNamePrefix) + ".*");
    }

    /** Every jar under lib/ (boot and main). */
    private static List<Path> libJars() {
        List<Path> libs = jars(APP.resolve("lib"));
        assertThat(libs)
                .as("the jars under " + APP.resolve("lib") + "; run `mvn package` first")
                .hasSizeGreaterThan(50);
        return libs;
    }

    private static List<Path> jars(Path dir) {
        assertThat(dir).as("run `mvn package` first").isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> entries(Path jar) {
        assertThat(jar).isRegularFile();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(jar.toString(), e);
        }
    }
}
