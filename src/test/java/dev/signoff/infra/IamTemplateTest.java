package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamTemplateTest {
    private static final String TEMPLATE = "signoff-iam.yaml";

    @Test
    void template_declares_one_managed_policy_and_the_role_that_uses_it() {
        Map<String, Object> role = QueuesTemplateTest.props(TemplateSamples.minimalOf(TEMPLATE), "SignoffRole");
        assertThat(CloudFormationTemplatesTest.resources(TEMPLATE)).containsOnlyKeys("SignoffPolicy", "SignoffRole");
        assertThat(role.get("ManagedPolicyArns")).isEqualTo(List.of("<Ref:SignoffPolicy>"));
        assertThat(role).doesNotContainKey("Policies");
    }

    @Test
    void signoff_consumes_only_its_own_queues() {
        List<String> consume = List.of(
                "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes");
        assertThat(statement(TemplateSamples.minimalOf(TEMPLATE), "ConsumeQueues"))
                .satisfies(s -> {
                    assertThat(s.actions()).containsExactlyElementsOf(consume);
                    assertThat(s.resources()).containsExactly(TemplateSamples.REVIEW_QUEUE);
                });
        assertThat(statement(TemplateSamples.fullOf(TEMPLATE), "ConsumeQueues").resources())
                .containsExactly(TemplateSamples.REVIEW_QUEUE, TemplateSamples.EVENTS_QUEUE);
    }

    @Test
    void the_dead_letter_page_gets_its_queue_and_a_send_to_the_review_queue_only_when_a_dlq_is_given() {
        assertThat(statements(TemplateSamples.minimalOf(TEMPLATE)))
                .extracting(IamStatements.Statement::sid)
                .doesNotContain("AdministerDeadLetters", "RedriveToReviewQueue");
        assertThat(statement(TemplateSamples.fullOf(TEMPLATE), "AdministerDeadLetters"))
                .satisfies(s -> {
                    assertThat(s.actions())
                            .containsExactly(
                                    "sqs:ReceiveMessage",
                                    "sqs:ChangeMessageVisibility",
                                    "sqs:DeleteMessage",
                                    "sqs:GetQueueAttributes");
                    assertThat(s.resources()).containsExactly(TemplateSamples.DEAD_LETTER_QUEUE);
                });
        assertThat(statement(TemplateSamples.fullOf(TEMPLATE), "RedriveToReviewQueue"))
                .satisfies(s -> {
                    assertThat(s.actions()).containsExactly("sqs:SendMessage");
                    assertThat(s.resources()).containsExactly(TemplateSamples.REVIEW_QUEUE);
                });
    }

    @Test
    void task_callbacks_are_the_only_grant_on_every_resource_and_stay_in_the_stack_region() {
        List<IamStatements.Statement> everywhere = statements(TemplateSamples.fullOf(TEMPLATE)).stream()
                .filter(s -> s.resources().contains("*"))
                .toList();
        assertThat(everywhere).singleElement().satisfies(s -> {
            assertThat(s.actions())
                    .containsExactly("states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat");
            assertThat(s.resources()).containsExactly("*");
            assertThat(s.condition())
                    .isEqualTo(Map.of("StringEquals", Map.of("aws:RequestedRegion", CfnEvaluator.REGION)));
        });
    }

    @Test
    void execution_reads_are_scoped_to_executions_of_the_listed_state_machines() {
        IamStatements.Statement read = statement(TemplateSamples.minimalOf(TEMPLATE), "ReadWaitingExecutions");
        assertThat(read.actions()).containsExactly("states:DescribeExecution", "states:GetExecutionHistory");
        assertThat(read.resources())
                .containsExactly(
                        "arn:aws:states:eu-west-1:111122223333:execution:document-processing:*",
                        "arn:aws:states:eu-west-1:111122223333:execution:research-loop:*");
    }

    @Test
    void a_single_state_machine_gets_a_single_execution_pattern() {
        Map<String, String> one = new HashMap<>(TemplateSamples.minimal(TEMPLATE));
        one.put("StateMachineArns", "arn:aws-us-gov:states:us-gov-west-1:111122223333:stateMachine:compliance-review");
        IamStatements.Statement read =
                statement(new CfnEvaluator(InfraFiles.template(TEMPLATE), one), "ReadWaitingExecutions");
        assertThat(read.resources())
                .containsExactly("arn:aws-us-gov:states:us-gov-west-1:111122223333:execution:compliance-review:*");
    }

    @Test
    void stop_execution_is_granted_only_when_asked_for() {
        assertThat(statements(TemplateSamples.minimalOf(TEMPLATE)))
                .noneMatch(s -> s.actions().contains("states:StopExecution"));
        assertThat(statement(TemplateSamples.fullOf(TEMPLATE), "ReadWaitingExecutions")
                        .actions())
                .containsExactly("states:DescribeExecution", "states:GetExecutionHistory", "states:StopExecution");
    }

    @Test
    void artifacts_are_readable_only_under_the_given_prefixes() {
        IamStatements.Statement read = statement(TemplateSamples.minimalOf(TEMPLATE), "ReadReviewArtifacts");
        assertThat(read.actions()).containsExactly("s3:GetObject");
        assertThat(read.resources()).containsExactly(TemplateSamples.ARTIFACTS.split(","));
    }

    @Test
    void kms_decrypt_is_granted_only_for_given_keys_and_only_through_sqs_and_s3() {
        assertThat(statements(TemplateSamples.minimalOf(TEMPLATE)))
                .noneMatch(s -> s.actions().stream().anyMatch(a -> a.startsWith("kms:")));
        IamStatements.Statement decrypt = statement(TemplateSamples.fullOf(TEMPLATE), "DecryptQueueAndArtifactData");
        assertThat(decrypt.actions()).containsExactly("kms:Decrypt");
        assertThat(decrypt.resources()).containsExactly(TemplateSamples.KMS_KEY);
        assertThat(decrypt.condition())
                .isEqualTo(Map.of(
                        "StringEquals",
                        Map.of(
                                "kms:ViaService",
                                List.of("sqs.eu-west-1.amazonaws.com", "s3.eu-west-1.amazonaws.com"))));
    }

    @Test
    void the_policy_grants_nothing_beyond_the_documented_statements() {
        assertThat(statements(TemplateSamples.fullOf(TEMPLATE)))
                .extracting(IamStatements.Statement::sid)
                .containsExactly(
                        "ConsumeQueues",
                        "AdministerDeadLetters",
                        "RedriveToReviewQueue",
                        "AnswerWaitingTasks",
                        "ReadWaitingExecutions",
                        "ReadReviewArtifacts",
                        "DecryptQueueAndArtifactData");
    }

    @Test
    void role_is_assumable_only_by_the_chosen_service_of_this_account() {
        IamStatements.Statement trust = IamStatements.of(
                        TemplateSamples.minimalOf(TEMPLATE).resource("SignoffRole"))
                .get(0);
        assertThat(trust.actions()).containsExactly("sts:AssumeRole");
        assertThat(trust.condition())
                .isEqualTo(Map.of("StringEquals", Map.of("aws:SourceAccount", CfnEvaluator.ACCOUNT)));
        Map<String, Object> role = QueuesTemplateTest.props(TemplateSamples.minimalOf(TEMPLATE), "SignoffRole");
        @SuppressWarnings("unchecked")
        Map<String, Object> statement = (Map<String, Object>)
                ((List<Object>) ((Map<String, Object>) role.get("AssumeRolePolicyDocument")).get("Statement")).get(0);
        assertThat(statement.get("Principal")).isEqualTo(Map.of("Service", "ecs-tasks.amazonaws.com"));
    }

    private static List<IamStatements.Statement> statements(CfnEvaluator cfn) {
        return IamStatements.of(cfn.resource("SignoffPolicy"));
    }

    private static IamStatements.Statement statement(CfnEvaluator cfn, String sid) {
        return statements(cfn).stream()
                .filter(s -> s.sid().equals(sid))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
    }
}
