package dev.signoff.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test fixtures under src/test/resources/contract and the shipped JSON Schema. */
final class ContractFixtures {
    static final Schema SHIPPED_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:contract/review-request-v1.schema.json"));

    private ContractFixtures() {}

    static String text(String resource) {
        try (var in = ContractFixtures.class.getResourceAsStream("/contract/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String resource) {
        try {
            return (ObjectNode) ContractJson.MAPPER.readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode minimal() {
        return json("valid/minimal.json");
    }

    /** Names like {@code invalid/bad-arns.json} of every fixture in one folder. */
    static Stream<String> folder(String folder) {
        try {
            Path dir = Path.of(
                    ContractFixtures.class.getResource("/contract/" + folder).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> folder + "/" + p.getFileName())
                        .filter(n -> n.endsWith(".json"))
                        .sorted()
                        .toList();
                return names.stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> schemaErrors(JsonNode body) {
        return SHIPPED_SCHEMA.validate(body).stream().map(Error::toString).toList();
    }

    static Parsed parse(JsonNode body) {
        return new ReviewRequestParser().parse(ContractJson.write(body));
    }

    static List<String> problems(Parsed parsed) {
        return parsed instanceof Parsed.Invalid invalid ? invalid.problems() : List.of();
    }
}
