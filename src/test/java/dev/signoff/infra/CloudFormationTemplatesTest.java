package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CloudFormationTemplatesTest {
    private static final List<String> TEMPLATES =
            List.of("signoff-iam.yaml", "signoff-queues.yaml", "signoff-service.yaml");
    /** Actions whose IAM definition has no resource type, so "*" is the only Resource that grants them. */
    private static final Set<String> UNSCOPABLE = Set.of(
            "states:SendTaskSuccess",
            "states:SendTaskFailure",
            "states:SendTaskHeartbeat",
            "ecr:GetAuthorizationToken");

    @Test
    void every_template_parses_with_short_form_tags_into_resources_and_outputs() {
        assertThat(InfraFiles.templates())
                .extracting(p -> p.getFileName().toString())
                .containsExactlyElementsOf(TEMPLATES);
        for (String name : TEMPLATES) {
            Map<String, Object> t = InfraFiles.template(name);
            assertThat(t).containsKeys("AWSTemplateFormatVersion", "Description", "Parameters", "Resources", "Outputs");
            assertThat(t.get("AWSTemplateFormatVersion")).isEqualTo("2010-09-09");
        }
    }

    @Test
    void short_form_tags_load_as_their_long_form_and_unknown_tags_fail() throws Exception {
        Path file = java.nio.file.Files.createTempFile("cfn", ".yaml");
        java.nio.file.Files.writeString(file, """
                A: !Ref Param
                B: !GetAtt Database.Endpoint.Address
                C: !Sub "x-${AWS::Region}"
                D: !If [Cond, !Join [",", [a, b]], !Ref AWS::NoValue]
                """);
        Map<String, Object> loaded = CloudFormationYaml.load(file);
        assertThat(loaded.get("A")).isEqualTo(Map.of("Ref", "Param"));
        assertThat(loaded.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Database", "Endpoint.Address")));
        assertThat(loaded.get("C")).isEqualTo(Map.of("Fn::Sub", "x-${AWS::Region}"));
        assertThat(loaded.get("D"))
                .isEqualTo(Map.of(
                        "Fn::If",
                        List.of(
                                "Cond",
                                Map.of("Fn::Join", List.of(",", List.of("a", "b"))),
                                Map.of("Ref", "AWS::NoValue"))));
        java.nio.file.Files.writeString(file, "A: !Reff Param\n");
        assertThatThrownBy(() -> CloudFormationYaml.load(file)).hasMessageContaining("!Reff");
    }

    @Test
    void no_iam_statement_allows_any_action_by_wildcard() {
        for (String name : TEMPLATES) {
            for (CfnEvaluator variant : List.of(TemplateSamples.minimalOf(name), TemplateSamples.fullOf(name))) {
                List<IamStatements.Statement> statements = allStatements(name, variant);
                assertThat(statements).as(name).isNotEmpty();
                for (IamStatements.Statement s : statements) {
                    assertThat(s.actions()).as(name + " " + s.sid()).doesNotContain("*");
                    if (s.effect().equals("Allow")) {
                        assertThat(s.actions())
                                .as(name + " " + s.sid())
                                .allSatisfy(a -> assertThat(a).doesNotContain("*"));
                    }
                }
            }
        }
    }

    @Test
    void resource_star_is_granted_only_for_actions_iam_cannot_scope() {
        for (String name : TEMPLATES) {
            for (IamStatements.Statement s : allStatements(name, TemplateSamples.fullOf(name))) {
                if (s.effect().equals("Allow") && s.resources().contains("*")) {
                    assertThat(UNSCOPABLE).as(name + " " + s.sid()).containsAll(s.actions());
                }
            }
        }
    }

    @Test
    void sample_parameters_pass_the_templates_own_allowed_patterns_and_garbage_does_not() {
        for (String name : TEMPLATES) {
            Map<String, Object> params = params(name);
            TemplateSamples.full(name).forEach((key, value) -> {
                Map<String, Object> spec = spec(params, key);
                if (spec.containsKey("AllowedPattern")) {
                    String pattern = (String) spec.get("AllowedPattern");
                    assertThat(value).as(name + " " + key).matches(pattern);
                    assertThat("not valid; at all").as(name + " " + key).doesNotMatch(pattern);
                }
            });
        }
    }

    @Test
    void infra_readme_lists_exactly_the_outputs_of_each_template() {
        String readme = InfraFiles.read(InfraFiles.README);
        for (String name : TEMPLATES) {
            Matcher section = Pattern.compile(
                            "<!-- outputs: " + Pattern.quote(name) + " -->(.*?)<!-- /outputs -->", Pattern.DOTALL)
                    .matcher(readme);
            assertThat(section.find())
                    .as("outputs section for " + name + " in infra/README.md")
                    .isTrue();
            Set<String> documented = new LinkedHashSet<>();
            Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z0-9]+)` \\|").matcher(section.group(1));
            while (row.find()) {
                documented.add(row.group(1));
            }
            assertThat(documented).as(name).containsExactlyInAnyOrderElementsOf(outputs(name));
        }
    }

    @Test
    void deployment_guide_passes_declared_parameters_and_every_required_one() {
        Map<String, Set<String>> used = parameterOverrides(InfraFiles.read(InfraFiles.DEPLOYMENT));
        assertThat(used.keySet()).containsExactlyInAnyOrderElementsOf(TEMPLATES);
        used.forEach((name, keys) -> {
            Map<String, Object> params = params(name);
            assertThat(params.keySet()).as("parameters of " + name).containsAll(keys);
            params.forEach((key, spec) -> {
                if (!((Map<?, ?>) spec).containsKey("Default")) {
                    assertThat(keys).as("required parameter of " + name).contains(key);
                }
            });
        });
    }

    @Test
    void deployment_guide_reads_only_outputs_that_exist() {
        Set<String> all = new LinkedHashSet<>();
        TEMPLATES.forEach(t -> all.addAll(outputs(t)));
        Matcher m = Pattern.compile("OutputKey=='([A-Za-z0-9]+)'").matcher(InfraFiles.read(InfraFiles.DEPLOYMENT));
        List<String> read = new ArrayList<>();
        while (m.find()) {
            read.add(m.group(1));
        }
        assertThat(read).isNotEmpty();
        assertThat(all).containsAll(read);
    }

    /** Template file -> parameter keys given in each `aws cloudformation deploy --template-file ...` command. */
    static Map<String, Set<String>> parameterOverrides(String markdown) {
        Map<String, Set<String>> used = new LinkedHashMap<>();
        String joined = markdown.replace("\\\n", " ");
        Matcher command = Pattern.compile("(?m)^aws cloudformation deploy .*$").matcher(joined);
        while (command.find()) {
            String line = command.group();
            Matcher file = Pattern.compile("--template-file infra/cloudformation/(\\S+)")
                    .matcher(line);
            assertThat(file.find()).as("template file in: " + line).isTrue();
            Set<String> keys = used.computeIfAbsent(file.group(1), k -> new LinkedHashSet<>());
            int start = line.indexOf("--parameter-overrides");
            if (start >= 0) {
                String rest = line.substring(start + "--parameter-overrides".length());
                int nextOption = rest.indexOf(" --");
                Matcher key = Pattern.compile("(?:^|\\s)([A-Za-z0-9]+)=")
                        .matcher(nextOption < 0 ? rest : rest.substring(0, nextOption));
                while (key.find()) {
                    keys.add(key.group(1));
                }
            }
        }
        return used;
    }

    private static List<IamStatements.Statement> allStatements(String name, CfnEvaluator variant) {
        List<IamStatements.Statement> out = new ArrayList<>();
        resources(name).keySet().forEach(id -> out.addAll(IamStatements.of(variant.resource(id))));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> resources(String name) {
        return (Map<String, Object>) InfraFiles.template(name).get("Resources");
    }

    @SuppressWarnings("unchecked")
    static Set<String> outputs(String name) {
        return ((Map<String, Object>) InfraFiles.template(name).get("Outputs")).keySet();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> params(String name) {
        return (Map<String, Object>) InfraFiles.template(name).get("Parameters");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> params, String key) {
        return (Map<String, Object>) params.get(key);
    }
}
