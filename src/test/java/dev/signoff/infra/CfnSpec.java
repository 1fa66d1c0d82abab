package dev.signoff.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The CloudFormation Resource Specification shipped by the npm package {@code @aws-cdk/cfnspec}, pinned in
 * infra/package-lock.json. Installs infra/node_modules with {@code npm ci} when the package is missing or is not
 * the pinned version, so no other test (or infra/check.sh) has to run first.
 */
final class CfnSpec {
    private static final Path INFRA = InfraFiles.ROOT.resolve("infra");
    private static final Path PACKAGE = INFRA.resolve("node_modules/@aws-cdk/cfnspec");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static CfnSpec loaded;

    final String version;
    private final JsonNode resourceTypes;
    private final JsonNode propertyTypes;

    private CfnSpec(JsonNode spec) {
        this.version = spec.path("ResourceSpecificationVersion").asText();
        this.resourceTypes = spec.get("ResourceTypes");
        this.propertyTypes = spec.get("PropertyTypes");
    }

    static synchronized CfnSpec get() {
        if (loaded == null) {
            try {
                if (!pinnedVersion().equals(installedVersion())) {
                    npmCi();
                }
                loaded = new CfnSpec(
                        JSON.readTree(PACKAGE.resolve("spec/specification.json").toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    /** The resource type's definition (Properties, Attributes), or null if CloudFormation has no such type. */
    JsonNode resource(String type) {
        return resourceTypes.get(type);
    }

    /** A property type named in a Type or ItemType of {@code resourceType}: its own, or a shared one such as Tag. */
    JsonNode propertyType(String resourceType, String name) {
        JsonNode own = propertyTypes.get(resourceType + "." + name);
        return own != null ? own : propertyTypes.get(name);
    }

    static String pinnedVersion() throws IOException {
        JsonNode lock = JSON.readTree(INFRA.resolve("package-lock.json").toFile());
        String version = lock.path("packages")
                .path("node_modules/@aws-cdk/cfnspec")
                .path("version")
                .asText();
        if (version.isEmpty()) {
            throw new AssertionError("infra/package-lock.json pins no @aws-cdk/cfnspec");
        }
        return version;
    }

    static String installedVersion() throws IOException {
        Path manifest = PACKAGE.resolve("package.json");
        return Files.exists(manifest)
                ? JSON.readTree(manifest.toFile()).path("version").asText()
                : "";
    }

    private static void npmCi() throws IOException {
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(INFRA.toFile())
                .redirectErrorStream(true)
                .start();
        try {
            boolean finished = npm.waitFor(5, TimeUnit.MINUTES);
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!finished) {
                npm.destroyForcibly();
                throw new AssertionError("npm ci in infra/ did not finish in 5 minutes: " + output);
            }
            if (npm.exitValue() != 0) {
                throw new AssertionError("npm ci in infra/ failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running npm ci", e);
        }
    }
}
