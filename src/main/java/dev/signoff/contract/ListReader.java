package dev.signoff.contract;

import static dev.signoff.contract.Fields.Kind.LINE;
import static dev.signoff.contract.Fields.Kind.TEXT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.contract.ReviewRequest.Artifact;
import dev.signoff.contract.ReviewRequest.Assignees;
import dev.signoff.contract.ReviewRequest.Finding;
import dev.signoff.contract.ReviewRequest.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Reads the contract's lists: artifacts, findings, assignees. Items past a list's limit are not read. */
final class ListReader {
    private static final String SEVERITIES = "info, low, medium, high, critical";

    private final Problems problems;
    private final Set<String> labels = new LinkedHashSet<>();

    ListReader(Problems problems) {
        this.problems = problems;
    }

    List<Artifact> artifacts(Optional<ArrayNode> array) {
        List<Artifact> artifacts = new ArrayList<>();
        forEachObject(array, "artifacts", Limits.MAX_ARTIFACTS, f -> {
            Optional<String> uri = f.text("uri", true, Limits.MAX_S3_URI_CHARS, LINE);
            Optional<String[]> location = uri.flatMap(u -> s3Location(u, f.at("uri")));
            Optional<String> label = f.text("label", true, Limits.MAX_LABEL_CHARS, LINE);
            if (label.isPresent() && !labels.add(label.get())) {
                problems.add(
                        f.at("label"),
                        "must be unique within artifacts (" + ContractJson.quote(label.get()) + " is used twice)");
            }
            Optional<String> contentType = f.text("contentType", false, Limits.MAX_CONTENT_TYPE_CHARS, LINE);
            if (contentType.isPresent()
                    && !Shapes.CONTENT_TYPE.matcher(contentType.get()).matches()) {
                problems.add(f.at("contentType"), "must be a media type such as application/pdf");
            }
            Optional<Long> size = f.integer("sizeBytes", 0, Limits.MAX_SIZE_BYTES);
            if (location.isPresent() && label.isPresent()) {
                artifacts.add(new Artifact(location.get()[0], location.get()[1], label.get(), contentType, size));
            }
        });
        return List.copyOf(artifacts);
    }

    /** Call after {@link #artifacts}: artifactRefs must name one of the labels read there. */
    List<Finding> findings(Optional<ArrayNode> array) {
        List<Finding> findings = new ArrayList<>();
        forEachObject(array, "findings", Limits.MAX_FINDINGS, f -> {
            Optional<String> title = f.text("title", true, Limits.MAX_TITLE_CHARS, LINE);
            Optional<Severity> severity = f.text("severity", true, 32, LINE).flatMap(s -> {
                Optional<Severity> known = Severity.fromWire(s);
                if (known.isEmpty()) {
                    problems.add(f.at("severity"), "must be one of " + SEVERITIES);
                }
                return known;
            });
            Optional<String> detail = f.text("detail", false, Limits.MAX_MARKDOWN_CHARS, TEXT);
            List<String> refs = strings(
                    f.array("artifactRefs", false, Limits.MAX_ARTIFACT_REFS),
                    f.at("artifactRefs"),
                    Limits.MAX_ARTIFACT_REFS,
                    Limits.MAX_LABEL_CHARS);
            for (int i = 0; i < refs.size(); i++) {
                if (!labels.contains(refs.get(i))) {
                    problems.add(
                            Problems.index(f.at("artifactRefs"), i),
                            "no artifact has the label " + ContractJson.quote(refs.get(i)));
                }
            }
            if (title.isPresent() && severity.isPresent()) {
                findings.add(new Finding(title.get(), severity.get(), detail, List.copyOf(refs)));
            }
        });
        return List.copyOf(findings);
    }

    Optional<Assignees> assignees(ObjectNode object, String path) {
        Fields f = new Fields(object, path, problems);
        Optional<ArrayNode> groupArray = f.array("groups", false, Limits.MAX_GROUPS);
        Optional<ArrayNode> userArray = f.array("users", false, Limits.MAX_USERS);
        List<String> groups = strings(groupArray, f.at("groups"), Limits.MAX_GROUPS, Limits.MAX_PRINCIPAL_CHARS);
        List<String> users = strings(userArray, f.at("users"), Limits.MAX_USERS, Limits.MAX_PRINCIPAL_CHARS);
        List<String> excluded = strings(
                f.array("excludeUsers", false, Limits.MAX_USERS),
                f.at("excludeUsers"),
                Limits.MAX_USERS,
                Limits.MAX_PRINCIPAL_CHARS);
        boolean named = groupArray.filter(a -> !a.isEmpty()).isPresent()
                || userArray.filter(a -> !a.isEmpty()).isPresent();
        if (!named) {
            problems.add(path, "must name at least one group or user");
        }
        if (groups.isEmpty() && users.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Assignees(
                List.copyOf(new LinkedHashSet<>(groups)),
                List.copyOf(new LinkedHashSet<>(users)),
                List.copyOf(new LinkedHashSet<>(excluded))));
    }

    private Optional<String[]> s3Location(String uri, String path) {
        if (!uri.startsWith("s3://")) {
            problems.add(path, "must be an s3://bucket/key URI");
            return Optional.empty();
        }
        int slash = uri.indexOf('/', 5);
        String bucket = slash < 0 ? uri.substring(5) : uri.substring(5, slash);
        String key = slash < 0 ? "" : uri.substring(slash + 1);
        Optional<String> problem = Shapes.bucketProblem(bucket).or(() -> Shapes.keyProblem(key));
        problem.ifPresent(p -> problems.add(path, p));
        return problem.isPresent() ? Optional.empty() : Optional.of(new String[] {bucket, key});
    }

    /** Valid strings of the array (all LINE-kind); the invalid ones are reported by index. */
    private List<String> strings(Optional<ArrayNode> array, String path, int maxItems, int maxChars) {
        List<String> values = new ArrayList<>();
        array.ifPresent(items -> {
            for (int i = 0; i < Math.min(items.size(), maxItems); i++) {
                Fields.text(items.get(i), Problems.index(path, i), maxChars, LINE, problems)
                        .ifPresent(values::add);
            }
        });
        return values;
    }

    private void forEachObject(Optional<ArrayNode> array, String name, int maxItems, Consumer<Fields> reader) {
        array.ifPresent(items -> {
            for (int i = 0; i < Math.min(items.size(), maxItems); i++) {
                String path = Problems.index(name, i);
                JsonNode item = items.get(i);
                if (item.isObject()) {
                    reader.accept(new Fields((ObjectNode) item, path, problems));
                } else {
                    problems.add(path, "must be a JSON object");
                }
            }
        });
    }
}
