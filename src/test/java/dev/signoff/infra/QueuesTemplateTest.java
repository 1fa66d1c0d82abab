package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueuesTemplateTest {
    private static final String TEMPLATE = "signoff-queues.yaml";
    private static final List<String> QUEUES =
            List.of("ReviewQueue", "ReviewDeadLetterQueue", "ExecutionEventsQueue", "ExecutionEventsDeadLetterQueue");

    @Test
    void template_declares_the_queues_rule_and_policies_the_docs_describe() {
        assertThat(CloudFormationTemplatesTest.resources(TEMPLATE))
                .containsOnlyKeys(
                        "ReviewQueue",
                        "ReviewDeadLetterQueue",
                        "ExecutionEventsQueue",
                        "ExecutionEventsDeadLetterQueue",
                        "ExecutionStatusRule",
                        "ExecutionEventsQueuePolicy",
                        "ReviewQueuesPolicy",
                        "ReviewRequestSenderPolicy");
        Map<String, Object> resources = CloudFormationTemplatesTest.resources(TEMPLATE);
        QUEUES.forEach(q -> assertThat(type(resources, q)).isEqualTo("AWS::SQS::Queue"));
        assertThat(type(resources, "ExecutionStatusRule")).isEqualTo("AWS::Events::Rule");
        assertThat(type(resources, "ReviewRequestSenderPolicy")).isEqualTo("AWS::IAM::ManagedPolicy");
    }

    @Test
    void every_queue_is_encrypted_with_sqs_managed_keys_by_default() {
        CfnEvaluator cfn = TemplateSamples.minimalOf(TEMPLATE);
        for (String queue : QUEUES) {
            Map<String, Object> p = props(cfn, queue);
            assertThat(p.get("SqsManagedSseEnabled")).as(queue).isEqualTo(true);
            assertThat(p).as(queue).doesNotContainKey("KmsMasterKeyId");
        }
    }

    @Test
    void every_queue_is_encrypted_with_the_given_kms_key() {
        CfnEvaluator cfn = TemplateSamples.fullOf(TEMPLATE);
        for (String queue : QUEUES) {
            Map<String, Object> p = props(cfn, queue);
            assertThat(p.get("KmsMasterKeyId")).as(queue).isEqualTo(TemplateSamples.KMS_KEY);
            assertThat(p.get("SqsManagedSseEnabled")).as(queue).isEqualTo(false);
        }
    }

    @Test
    void dead_letter_queues_outlive_the_longest_retention_their_source_queue_allows() {
        Map<String, Object> retention = spec("ReviewQueueRetentionSeconds");
        Map<String, String> longest = new HashMap<>(TemplateSamples.minimal(TEMPLATE));
        longest.put("ReviewQueueRetentionSeconds", String.valueOf(retention.get("MaxValue")));
        CfnEvaluator cfn = new CfnEvaluator(InfraFiles.template(TEMPLATE), longest);
        for (String[] pair : new String[][] {
            {"ReviewQueue", "ReviewDeadLetterQueue"}, {"ExecutionEventsQueue", "ExecutionEventsDeadLetterQueue"}
        }) {
            Map<String, Object> source = props(cfn, pair[0]);
            Map<String, Object> dlq = props(cfn, pair[1]);
            assertThat(seconds(dlq.get("MessageRetentionPeriod")))
                    .as(pair[1] + " retention")
                    .isGreaterThan(seconds(source.get("MessageRetentionPeriod")))
                    .isLessThanOrEqualTo(1_209_600);
            @SuppressWarnings("unchecked")
            Map<String, Object> redrive = (Map<String, Object>) source.get("RedrivePolicy");
            assertThat(redrive.get("deadLetterTargetArn")).isEqualTo("<GetAtt:" + pair[1] + ".Arn>");
            assertThat(redrive.get("maxReceiveCount")).isEqualTo("5");
        }
    }

    @Test
    void status_rule_sends_terminal_changes_of_the_listed_state_machines_to_the_events_queue() {
        Map<String, Object> rule = props(TemplateSamples.minimalOf(TEMPLATE), "ExecutionStatusRule");
        @SuppressWarnings("unchecked")
        Map<String, Object> pattern = (Map<String, Object>) rule.get("EventPattern");
        assertThat(pattern.get("source")).isEqualTo(List.of("aws.states"));
        assertThat(pattern.get("detail-type")).isEqualTo(List.of("Step Functions Execution Status Change"));
        assertThat(pattern.get("detail"))
                .isEqualTo(Map.of(
                        "stateMachineArn", List.of(TemplateSamples.STATE_MACHINES.split(",")),
                        "status", List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED")));
        @SuppressWarnings("unchecked")
        Map<String, Object> target = ((List<Map<String, Object>>) rule.get("Targets")).get(0);
        assertThat(target.get("Arn")).isEqualTo("<GetAtt:ExecutionEventsQueue.Arn>");
        assertThat(target.get("DeadLetterConfig"))
                .isEqualTo(Map.of("Arn", "<GetAtt:ExecutionEventsDeadLetterQueue.Arn>"));
    }

    @Test
    void only_the_status_rule_may_send_to_the_events_queues_and_only_over_tls() {
        List<IamStatements.Statement> statements =
                IamStatements.of(TemplateSamples.minimalOf(TEMPLATE).resource("ExecutionEventsQueuePolicy"));
        assertThat(statements).hasSize(2);
        IamStatements.Statement allow = statements.get(0);
        assertThat(allow.effect()).isEqualTo("Allow");
        assertThat(allow.actions()).containsExactly("sqs:SendMessage");
        assertThat(allow.condition())
                .isEqualTo(Map.of("ArnEquals", Map.of("aws:SourceArn", "<GetAtt:ExecutionStatusRule.Arn>")));
        assertThat(statements.get(1).effect()).isEqualTo("Deny");
        assertThat(statements.get(1).condition()).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
        assertThat(IamStatements.of(TemplateSamples.minimalOf(TEMPLATE).resource("ReviewQueuesPolicy")))
                .singleElement()
                .satisfies(s -> assertThat(s.effect()).isEqualTo("Deny"));
    }

    @Test
    void sender_policy_lets_state_machines_send_to_the_review_queue_and_nothing_else() {
        assertThat(IamStatements.of(TemplateSamples.minimalOf(TEMPLATE).resource("ReviewRequestSenderPolicy")))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.actions()).containsExactly("sqs:SendMessage");
                    assertThat(s.resources()).containsExactly("<GetAtt:ReviewQueue.Arn>");
                });
        List<IamStatements.Statement> withKey =
                IamStatements.of(TemplateSamples.fullOf(TEMPLATE).resource("ReviewRequestSenderPolicy"));
        assertThat(withKey).hasSize(2);
        assertThat(withKey.get(1).actions()).containsExactly("kms:GenerateDataKey", "kms:Decrypt");
        assertThat(withKey.get(1).resources()).containsExactly(TemplateSamples.KMS_KEY);
        assertThat(withKey.get(1).condition())
                .isEqualTo(Map.of("StringEquals", Map.of("kms:ViaService", "sqs.eu-west-1.amazonaws.com")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(CfnEvaluator cfn, String id) {
        return (Map<String, Object>) cfn.resource(id).get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static String type(Map<String, Object> resources, String id) {
        return (String) ((Map<String, Object>) resources.get(id)).get("Type");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(String parameter) {
        return (Map<String, Object>)
                CloudFormationTemplatesTest.params(TEMPLATE).get(parameter);
    }

    private static long seconds(Object value) {
        return Long.parseLong(String.valueOf(value));
    }
}
