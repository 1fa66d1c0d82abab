package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the templates against the CloudFormation Resource Specification of the pinned {@code @aws-cdk/cfnspec}
 * (see {@link CfnSpec}): resource types, property names, required properties, nested property types and rough
 * primitive types, for the minimal and the full sample parameters; and the names Ref, Fn::Sub, Fn::GetAtt, Fn::If
 * and DependsOn refer to.
 */
class CloudFormationSpecTest {
    private static final List<String> TEMPLATES =
            List.of("signoff-iam.yaml", "signoff-queues.yaml", "signoff-service.yaml");

    @Test
    void every_resource_matches_the_specification_for_minimal_and_full_parameters() {
        CfnSpec spec = CfnSpec.get();
        List<String> problems = new ArrayList<>();
        for (String name : TEMPLATES) {
            Map<String, Object> template = InfraFiles.template(name);
            problems.addAll(resourceProblems(spec, name + " [minimal]", template, TemplateSamples.minimal(name)));
            problems.addAll(resourceProblems(spec, name + " [full]", template, TemplateSamples.full(name)));
        }
        assertThat(problems)
                .as("templates against CloudFormation resource specification " + spec.version)
                .isEmpty();
    }

    @Test
    void every_ref_getatt_condition_and_dependency_names_something_that_exists() {
        CfnSpec spec = CfnSpec.get();
        List<String> problems = new ArrayList<>();
        for (String name : TEMPLATES) {
            CfnReferences.of(spec, InfraFiles.template(name)).forEach(p -> problems.add(name + " " + p));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_specification_loaded_is_the_pinned_package_version() throws IOException {
        assertThat(CfnSpec.get().version).matches("[0-9]+\\.[0-9]+\\.[0-9]+");
        assertThat(CfnSpec.installedVersion()).isEqualTo(CfnSpec.pinnedVersion());
    }

    @Test
    void misspelled_unknown_missing_and_mistyped_properties_are_reported(@TempDir Path dir) throws IOException {
        Map<String, Object> template = load(dir, """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: soon
                      FifoQueue: "yes"
                      RedrivePolicy: {deadLetterTargetArn: x, maxReceiveCount: 5}
                  Topic:
                    Type: AWS::SNS::Topicc
                  Group:
                    Type: AWS::EC2::SecurityGroup
                    Propertes: {}
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      Cpu: 256
                      ContainerDefinitions:
                        - Name: app
                          ReadOnlyRootFilesystem: true
                          HealthCheck: {Command: [CMD, probe], Intervall: 30}
                          PortMappings: {ContainerPort: 8080}
                """);
        List<String> problems = resourceProblems(CfnSpec.get(), "inline", template, Map.of());
        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "inline Queue.Properties.VisibilityTimeout: expected Integer, got scalar soon",
                        "inline Queue.Properties.FifoQueue: expected Boolean, got scalar yes",
                        "inline Topic: unknown resource type AWS::SNS::Topicc",
                        "inline Group.Propertes: not a resource attribute",
                        "inline Group.Properties.GroupDescription: required by AWS::EC2::SecurityGroup but missing",
                        "inline Task.Properties.ContainerDefinitions[0].ReadOnlyRootFilesystem:"
                                + " AWS::ECS::TaskDefinition.ContainerDefinition has no property"
                                + " ReadOnlyRootFilesystem (did you mean ReadonlyRootFilesystem?)",
                        "inline Task.Properties.ContainerDefinitions[0].Image:"
                                + " required by AWS::ECS::TaskDefinition.ContainerDefinition but missing",
                        "inline Task.Properties.ContainerDefinitions[0].PortMappings: expected a list,"
                                + " got mapping {ContainerPort=8080}",
                        "inline Task.Properties.ContainerDefinitions[0].HealthCheck.Intervall:"
                                + " AWS::ECS::TaskDefinition.HealthCheck has no property Intervall"
                                + " (it has Command, Interval, Retries, StartPeriod, Timeout)");
    }

    @Test
    void a_typo_in_the_service_template_is_reported_with_template_resource_and_path(@TempDir Path dir)
            throws IOException {
        String text = InfraFiles.read(InfraFiles.TEMPLATES.resolve("signoff-service.yaml"));
        String broken = text.replace("ReadonlyRootFilesystem:", "ReadOnlyRootFilesystem:")
                .replace("StartPeriod: 90", "StartPeriode: 90");
        assertThat(broken).isNotEqualTo(text);
        Map<String, Object> template = load(dir, broken);
        String name = "signoff-service.yaml";
        List<String> problems = new ArrayList<>();
        problems.addAll(resourceProblems(CfnSpec.get(), name + " [minimal]", template, TemplateSamples.minimal(name)));
        problems.addAll(resourceProblems(CfnSpec.get(), name + " [full]", template, TemplateSamples.full(name)));
        for (String sample : List.of("[minimal]", "[full]")) {
            String container = name + " " + sample + " TaskDefinition.Properties.ContainerDefinitions[0].";
            assertThat(problems)
                    .anySatisfy(p -> assertThat(p).startsWith(container + "ReadOnlyRootFilesystem: "))
                    .anySatisfy(p -> assertThat(p).startsWith(container + "HealthCheck.StartPeriode: "));
        }
        assertThat(problems).hasSize(4);
    }

    @Test
    void strings_for_numbers_and_booleans_and_values_known_at_deploy_time_pass(@TempDir Path dir) throws IOException {
        Map<String, Object> template = load(dir, """
                Resources:
                  Dlq:
                    Type: AWS::SQS::Queue
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: "30"
                      FifoQueue: "false"
                      KmsMasterKeyId: !Ref Dlq
                      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}
                      Tags: [{Key: team, Value: signoff}]
                """);
        assertThat(resourceProblems(CfnSpec.get(), "inline", template, Map.of()))
                .isEmpty();
    }

    @Test
    void refs_and_attributes_of_nothing_are_reported(@TempDir Path dir) throws IOException {
        Map<String, Object> template = load(dir, """
                Parameters:
                  Prefix: {Type: String}
                Conditions:
                  Named: !Not [!Equals [!Ref Queue, ""]]
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    DependsOn: Missing
                    Properties:
                      QueueName: !Sub "${Prefix}-${Nope}-${AWS::Region}-${!Literal}"
                      KmsMasterKeyId: !If [Encrypted, !GetAtt Queue.Arnn, !Ref AWS::NoValue]
                Outputs:
                  Url:
                    Value: !GetAtt Ghost.Arn
                  Empty:
                    Description: nothing
                """);
        assertThat(CfnReferences.of(CfnSpec.get(), template))
                .containsExactlyInAnyOrder(
                        "Conditions.Named.Fn::Not[0].Fn::Equals[0]: Ref to Queue, which is no parameter or pseudo"
                                + " parameter",
                        "Resources.Queue.DependsOn: no resource Missing",
                        "Resources.Queue.Properties.QueueName.Fn::Sub: Ref to Nope, which is no parameter,"
                                + " resource or pseudo parameter",
                        "Resources.Queue.Properties.KmsMasterKeyId.Fn::If: no condition Encrypted",
                        "Resources.Queue.Properties.KmsMasterKeyId.Fn::If[1]: AWS::SQS::Queue has no attribute"
                                + " Arnn for GetAtt Queue.Arnn (it has Arn, QueueName, QueueUrl)",
                        "Outputs.Url.Value: GetAtt of Ghost, which is no resource",
                        "Outputs.Empty: has no Value");
    }

    /** Problems of every resource of {@code template} resolved with {@code parameters}, prefixed with {@code label}. */
    @SuppressWarnings("unchecked")
    private static List<String> resourceProblems(
            CfnSpec spec, String label, Map<String, Object> template, Map<String, String> parameters) {
        CfnEvaluator evaluator = new CfnEvaluator(template, parameters);
        List<String> problems = new ArrayList<>();
        ((Map<String, Object>) template.get("Resources")).forEach((id, raw) -> {
            Object condition = ((Map<String, Object>) raw).get("Condition");
            if (condition == null || evaluator.condition((String) condition)) {
                CfnSpecCheck.resource(spec, id, evaluator.resource(id)).forEach(p -> problems.add(label + " " + p));
            }
        });
        return problems;
    }

    private static Map<String, Object> load(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return CloudFormationYaml.load(file);
    }
}
