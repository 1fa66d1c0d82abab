package dev.signoff.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Paths of the files under infra/ and docs/ that the tests check, read from the project directory. */
final class InfraFiles {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path TEMPLATES = ROOT.resolve("infra/cloudformation");
    static final Path EXAMPLES = ROOT.resolve("infra/examples");
    static final Path README = ROOT.resolve("infra/README.md");
    static final Path DEPLOYMENT = ROOT.resolve("docs/deployment.md");
    static final Path AUTHORS_GUIDE = ROOT.resolve("docs/state-machine-authors.md");

    static final List<String> EXAMPLE_NAMES = List.of("document-processing", "compliance-review", "research-loop");

    private InfraFiles() {}

    static List<Path> templates() {
        return list(TEMPLATES, ".yaml");
    }

    static List<Path> examples() {
        return list(EXAMPLES, ".asl.json");
    }

    static Map<String, Object> template(String fileName) {
        try {
            return CloudFormationYaml.load(TEMPLATES.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode example(String name) {
        return json(EXAMPLES.resolve(name + ".asl.json"));
    }

    static JsonNode json(Path file) {
        return JsonPathParameters.parseJson(read(file));
    }

    static JsonNode resource(String name) {
        return json(ROOT.resolve("src/test/resources/infra").resolve(name));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
