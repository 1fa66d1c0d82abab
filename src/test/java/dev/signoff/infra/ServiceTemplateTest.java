package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServiceTemplateTest {
    private static final String TEMPLATE = "signoff-service.yaml";
    private final CfnEvaluator cfn = TemplateSamples.minimalOf(TEMPLATE);

    @Test
    void template_declares_the_service_database_load_balancer_and_secrets() {
        Map<String, Object> resources = CloudFormationTemplatesTest.resources(TEMPLATE);
        Map<String, String> expected = Map.of(
                "Cluster", "AWS::ECS::Cluster",
                "TaskDefinition", "AWS::ECS::TaskDefinition",
                "Service", "AWS::ECS::Service",
                "LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "HttpsListener", "AWS::ElasticLoadBalancingV2::Listener",
                "TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup",
                "Database", "AWS::RDS::DBInstance",
                "DatabaseSecret", "AWS::SecretsManager::Secret",
                "TaskExecutionRole", "AWS::IAM::Role");
        expected.forEach((id, type) ->
                assertThat(((Map<?, ?>) resources.get(id)).get("Type")).as(id).isEqualTo(type));
    }

    @Test
    void database_is_encrypted_private_tls_only_and_snapshotted_on_delete() {
        Map<String, Object> db = cfn.resource("Database");
        Map<String, Object> p = props("Database");
        assertThat(p.get("StorageEncrypted")).isEqualTo(true);
        assertThat(p.get("PubliclyAccessible")).isEqualTo(false);
        assertThat(p.get("DeletionProtection")).isEqualTo("true");
        assertThat(db.get("DeletionPolicy")).isEqualTo("Snapshot");
        assertThat(db.get("UpdateReplacePolicy")).isEqualTo("Snapshot");
        assertThat((String) p.get("MasterUserPassword")).startsWith("{{resolve:secretsmanager:");
        assertThat(props("DatabaseParameters").get("Parameters")).isEqualTo(Map.of("rds.force_ssl", "1"));
        assertThat(props("DatabaseSubnetGroup").get("SubnetIds"))
                .isEqualTo(List.of("subnet-0123456789abcdef0", "subnet-0fedcba9876543210"));
    }

    @Test
    void database_accepts_connections_only_from_the_service_and_the_service_only_from_the_load_balancer() {
        assertThat(ingress("DatabaseSecurityGroup")).singleElement().satisfies(rule -> {
            assertThat(rule.get("FromPort")).isEqualTo(5432);
            assertThat(rule.get("SourceSecurityGroupId")).isEqualTo("<Ref:ServiceSecurityGroup>");
            assertThat(rule).doesNotContainKey("CidrIp");
        });
        assertThat(ingress("ServiceSecurityGroup")).singleElement().satisfies(rule -> {
            assertThat(rule.get("FromPort")).isEqualTo(8080);
            assertThat(rule.get("SourceSecurityGroupId")).isEqualTo("<Ref:LoadBalancerSecurityGroup>");
        });
    }

    @Test
    void https_listener_terminates_tls_with_the_certificate_and_http_only_redirects() {
        Map<String, Object> https = props("HttpsListener");
        assertThat(https.get("Protocol")).isEqualTo("HTTPS");
        assertThat(https.get("Port")).isEqualTo(443);
        assertThat(https.get("Certificates"))
                .isEqualTo(List.of(Map.of(
                        "CertificateArn", TemplateSamples.minimal(TEMPLATE).get("CertificateArn"))));
        assertThat((String) https.get("SslPolicy")).startsWith("ELBSecurityPolicy-TLS13");
        assertThat(props("HttpRedirectListener").get("DefaultActions"))
                .isEqualTo(List.of(Map.of(
                        "Type",
                        "redirect",
                        "RedirectConfig",
                        Map.of("Protocol", "HTTPS", "Port", "443", "StatusCode", "HTTP_301"))));
    }

    @Test
    void load_balancer_routes_only_to_instances_that_report_ready() {
        Map<String, Object> tg = props("TargetGroup");
        assertThat(tg.get("HealthCheckPath")).isEqualTo("/q/health/ready");
        assertThat(tg.get("Port")).isEqualTo(8080);
        assertThat(tg.get("TargetType")).isEqualTo("ip");
        assertThat(tg.get("Matcher")).isEqualTo(Map.of("HttpCode", "200"));
    }

    @Test
    void container_runs_as_a_non_root_user_with_a_read_only_root_filesystem() {
        Map<String, Object> c = container();
        String user = (String) c.get("User");
        assertThat(user).matches("[1-9][0-9]*(:[1-9][0-9]*)?");
        assertThat(c.get("ReadonlyRootFilesystem")).isEqualTo(true);
        assertThat(c.get("PortMappings")).isEqualTo(List.of(Map.of("ContainerPort", 8080, "Protocol", "tcp")));
        String pattern = (String)
                ((Map<?, ?>) CloudFormationTemplatesTest.params(TEMPLATE).get("ContainerUser")).get("AllowedPattern");
        assertThat("0").doesNotMatch(pattern);
        assertThat("root").doesNotMatch(pattern);
        assertThat("0:0").doesNotMatch(pattern);
    }

    @Test
    void ecs_probes_liveness_with_the_probe_the_image_installs_unless_told_the_image_has_none() throws Exception {
        Map<?, ?> health = (Map<?, ?>) container().get("HealthCheck");
        assertThat(health.get("Command"))
                .isEqualTo(List.of("CMD", "/usr/local/bin/signoff-healthcheck", "/q/health/live"));
        assertThat((Integer) health.get("StartPeriod")).isGreaterThanOrEqualTo(60);
        String baseImage = Files.readString(InfraFiles.ROOT.resolve("infra/image/build-base.sh"));
        assertThat(baseImage)
                .contains("\"$rootfs/usr/local/bin/signoff-healthcheck\"")
                .contains("Test: [\"CMD\", \"/usr/local/bin/signoff-healthcheck\", \"/q/health/live\"]");

        Map<String, String> withoutProbe = new HashMap<>(TemplateSamples.minimal(TEMPLATE));
        withoutProbe.put("ContainerHealthCheck", "none");
        CfnEvaluator other = new CfnEvaluator(InfraFiles.template(TEMPLATE), withoutProbe);
        assertThat(container(other)).doesNotContainKey("HealthCheck");
    }

    @Test
    void extra_token_audiences_reach_the_container_only_when_given() {
        assertThat(named(container(cfn).get("Environment"), "Value"))
                .doesNotContainKey("SIGNOFF_SECURITY_EXTRA_AUDIENCES");
        Map<String, String> environment =
                named(container(TemplateSamples.fullOf(TEMPLATE)).get("Environment"), "Value");
        assertThat(environment.get("SIGNOFF_SECURITY_EXTRA_AUDIENCES"))
                .isEqualTo(TemplateSamples.full(TEMPLATE).get("OidcExtraAudiences"));
    }

    @Test
    void identity_claims_the_admin_group_scopes_and_default_route_reach_the_container() {
        Map<String, String> minimal = named(container(cfn).get("Environment"), "Value");
        assertThat(minimal)
                .containsEntry("SIGNOFF_SECURITY_SUBJECT_CLAIM", "sub")
                .containsEntry("SIGNOFF_SECURITY_ASSIGNEE_CLAIM", "sub")
                .containsEntry("SIGNOFF_SECURITY_ADMIN_GROUP", "signoff-admin")
                .doesNotContainKeys("QUARKUS_OIDC_AUTHENTICATION_SCOPES", "SIGNOFF_REVIEW_DEFAULT_GROUPS");

        Map<String, String> full =
                named(container(TemplateSamples.fullOf(TEMPLATE)).get("Environment"), "Value");
        assertThat(full)
                .containsEntry("SIGNOFF_SECURITY_SUBJECT_CLAIM", "oid")
                .containsEntry("SIGNOFF_SECURITY_ASSIGNEE_CLAIM", "oid")
                .containsEntry("SIGNOFF_SECURITY_ADMIN_GROUP", "signoff-operators")
                .containsEntry("QUARKUS_OIDC_AUTHENTICATION_SCOPES", "email,profile")
                .containsEntry("SIGNOFF_REVIEW_DEFAULT_GROUPS", "review-triage,ops-leads");
    }

    @Test
    void notifications_reach_the_container_with_ses_smtp_only_when_a_base_url_is_given() {
        assertThat(named(container(cfn).get("Environment"), "Value"))
                .doesNotContainKeys("SIGNOFF_NOTIFY_ENABLED", "QUARKUS_MAILER_HOST");
        assertThat(named(container(cfn).get("Secrets"), "ValueFrom")).doesNotContainKey("QUARKUS_MAILER_PASSWORD");

        CfnEvaluator full = TemplateSamples.fullOf(TEMPLATE);
        assertThat(named(container(full).get("Environment"), "Value"))
                .containsEntry("SIGNOFF_NOTIFY_ENABLED", "true")
                .containsEntry("SIGNOFF_NOTIFY_BASE_URL", "https://signoff.example.com")
                .containsEntry("SIGNOFF_NOTIFY_FROM", "Signoff <signoff@example.com>")
                .containsEntry("QUARKUS_MAILER_HOST", "email-smtp.eu-west-1.amazonaws.com")
                .containsEntry("QUARKUS_MAILER_PORT", "587")
                .containsEntry("QUARKUS_MAILER_START_TLS", "REQUIRED")
                .containsEntry("QUARKUS_MAILER_LOGIN", "REQUIRED");
        assertThat(named(container(full).get("Secrets"), "ValueFrom"))
                .containsEntry(
                        "QUARKUS_MAILER_USERNAME",
                        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:signoff/smtp-AbCdEf:username::")
                .containsEntry(
                        "QUARKUS_MAILER_PASSWORD",
                        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:signoff/smtp-AbCdEf:password::");
    }

    @Test
    void the_dead_letter_queue_reaches_the_container_only_when_given() {
        assertThat(named(container(cfn).get("Environment"), "Value"))
                .doesNotContainKey("SIGNOFF_INTAKE_DEAD_LETTER_QUEUE_URL");
        assertThat(named(container(TemplateSamples.fullOf(TEMPLATE)).get("Environment"), "Value")
                        .get("SIGNOFF_INTAKE_DEAD_LETTER_QUEUE_URL"))
                .isEqualTo(TemplateSamples.full(TEMPLATE).get("DeadLetterQueueUrl"));
    }

    @Test
    void secrets_reach_the_container_from_secrets_manager_never_as_plain_environment() {
        Map<String, String> secrets = named(container(cfn).get("Secrets"), "ValueFrom");
        assertThat(secrets)
                .containsOnlyKeys(
                        "QUARKUS_DATASOURCE_USERNAME",
                        "QUARKUS_DATASOURCE_PASSWORD",
                        "SIGNOFF_SECURITY_TOKEN_KEYS_" + TemplateSamples.TOKEN_KEY_ID,
                        "QUARKUS_OIDC_CREDENTIALS_SECRET",
                        "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY");
        assertThat(secrets.get("QUARKUS_DATASOURCE_PASSWORD")).isEqualTo("<Ref:DatabaseSecret>:password::");
        assertThat(secrets.get("SIGNOFF_SECURITY_TOKEN_KEYS_" + TemplateSamples.TOKEN_KEY_ID))
                .isEqualTo(sample("TokenKeySecretArn"));
        assertThat(secrets.get("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY"))
                .isEqualTo(sample("SessionEncryptionKeySecretArn"));
        Map<String, String> environment = named(container(cfn).get("Environment"), "Value");
        assertThat(environment.values()).noneMatch(value -> value.contains(":secretsmanager:"));
        assertThat(environment.keySet())
                .filteredOn(name -> !name.equals("SIGNOFF_SECURITY_ACTIVE_TOKEN_KEY"))
                .noneMatch(name -> name.contains("PASSWORD") || name.contains("SECRET") || name.endsWith("_KEY"));
    }

    @Test
    void the_active_token_key_id_names_a_key_the_container_gets() {
        Map<String, String> environment = named(container(cfn).get("Environment"), "Value");
        String active = environment.get("SIGNOFF_SECURITY_ACTIVE_TOKEN_KEY");
        assertThat(active).isEqualTo(TemplateSamples.TOKEN_KEY_ID);
        // Quarkus reads SIGNOFF_SECURITY_TOKEN_KEYS_<ID> as key id <id in lower case>; digits keep both equal.
        assertThat(named(container(cfn).get("Secrets"), "ValueFrom"))
                .containsKey("SIGNOFF_SECURITY_TOKEN_KEYS_" + active.toUpperCase(Locale.ROOT));
        String pattern = (String)
                ((Map<?, ?>) CloudFormationTemplatesTest.params(TEMPLATE).get("TokenKeyId")).get("AllowedPattern");
        assertThat("k1").doesNotMatch(pattern);
        assertThat("").doesNotMatch(pattern);
    }

    @Test
    void after_a_rotation_the_container_gets_both_keys_and_seals_with_the_new_one() {
        CfnEvaluator rotated = TemplateSamples.fullOf(TEMPLATE);
        Map<String, String> secrets = named(container(rotated).get("Secrets"), "ValueFrom");
        assertThat(secrets)
                .containsEntry(
                        "SIGNOFF_SECURITY_TOKEN_KEYS_" + TemplateSamples.TOKEN_KEY_ID,
                        TemplateSamples.full(TEMPLATE).get("TokenKeySecretArn"))
                .containsEntry(
                        "SIGNOFF_SECURITY_TOKEN_KEYS_" + TemplateSamples.PREVIOUS_TOKEN_KEY_ID,
                        TemplateSamples.full(TEMPLATE).get("PreviousTokenKeySecretArn"));
        assertThat(named(container(rotated).get("Environment"), "Value"))
                .containsEntry("SIGNOFF_SECURITY_ACTIVE_TOKEN_KEY", TemplateSamples.TOKEN_KEY_ID);
        assertThat(rotated.brokenRules()).isEmpty();
    }

    @Test
    void previous_token_key_must_come_with_its_secret_and_differ_from_the_active_one() {
        assertThat(TemplateSamples.minimalOf(TEMPLATE).brokenRules()).isEmpty();

        Map<String, String> idOnly = new HashMap<>(TemplateSamples.minimal(TEMPLATE));
        idOnly.put("PreviousTokenKeyId", TemplateSamples.PREVIOUS_TOKEN_KEY_ID);
        assertThat(new CfnEvaluator(InfraFiles.template(TEMPLATE), idOnly).brokenRules())
                .containsExactly("PreviousTokenKeyId and PreviousTokenKeySecretArn are given together or not at all.");

        Map<String, String> sameId = new HashMap<>(TemplateSamples.full(TEMPLATE));
        sameId.put("PreviousTokenKeyId", TemplateSamples.TOKEN_KEY_ID);
        assertThat(new CfnEvaluator(InfraFiles.template(TEMPLATE), sameId).brokenRules())
                .containsExactly("PreviousTokenKeyId must differ from TokenKeyId.");
    }

    @Test
    void execution_role_may_read_exactly_the_secrets_the_container_gets() {
        assertThat(readableSecrets(cfn))
                .containsExactly(
                        "<Ref:DatabaseSecret>",
                        sample("TokenKeySecretArn"),
                        sample("OidcClientSecretArn"),
                        sample("SessionEncryptionKeySecretArn"));
        assertThat(readableSecrets(TemplateSamples.fullOf(TEMPLATE)))
                .containsExactly(
                        "<Ref:DatabaseSecret>",
                        sample("TokenKeySecretArn"),
                        TemplateSamples.full(TEMPLATE).get("PreviousTokenKeySecretArn"),
                        sample("OidcClientSecretArn"),
                        sample("SessionEncryptionKeySecretArn"),
                        TemplateSamples.full(TEMPLATE).get("SmtpCredentialsSecretArn"));
    }

    @Test
    void artifact_buckets_and_groups_claim_reach_the_container() {
        assertThat(named(container(cfn).get("Environment"), "Value"))
                .containsEntry("SIGNOFF_ARTIFACTS_ALLOWED_BUCKETS", "acme-agent-artifacts,acme-intake")
                .containsEntry("SIGNOFF_SECURITY_GROUPS_CLAIM", "groups");
        assertThat(named(container(TemplateSamples.fullOf(TEMPLATE)).get("Environment"), "Value"))
                .containsEntry("SIGNOFF_SECURITY_GROUPS_CLAIM", "cognito:groups");
        String pattern = (String)
                ((Map<?, ?>) CloudFormationTemplatesTest.params(TEMPLATE).get("ArtifactBuckets")).get("AllowedPattern");
        assertThat("acme-agent-artifacts").matches(pattern);
        assertThat("acme-agent-artifacts, acme-intake").doesNotMatch(pattern);
        assertThat("s3://acme-agent-artifacts").doesNotMatch(pattern);
    }

    @Test
    void tasks_run_in_private_subnets_without_public_addresses() {
        Map<?, ?> network = (Map<?, ?>) props("Service").get("NetworkConfiguration");
        Map<?, ?> awsvpc = (Map<?, ?>) network.get("AwsvpcConfiguration");
        assertThat(awsvpc.get("AssignPublicIp")).isEqualTo("DISABLED");
        assertThat(awsvpc.get("Subnets")).isEqualTo(List.of("subnet-0123456789abcdef0", "subnet-0fedcba9876543210"));
    }

    /**
     * Every variable the task definition sets (with every optional parameter given) is in the table, and every
     * row says truly how it is set. A row may name a parameter in angle brackets, as in
     * {@code SIGNOFF_SECURITY_TOKEN_KEYS_<TokenKeyId>}: it stands for that parameter's value.
     */
    @Test
    void container_environment_is_the_one_documented_in_the_deployment_guide() {
        Matcher table = Pattern.compile("<!-- env-vars -->(.*?)<!-- /env-vars -->", Pattern.DOTALL)
                .matcher(InfraFiles.read(InfraFiles.DEPLOYMENT));
        assertThat(table.find()).as("env-vars table in docs/deployment.md").isTrue();
        Map<String, String> full = TemplateSamples.full(TEMPLATE);
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z0-9_]+)(?:<([A-Za-z]+)>)?` \\| ([a-z ]+) \\|")
                .matcher(table.group(1));
        while (row.find()) {
            String name = row.group(1);
            if (row.group(2) != null) {
                assertThat(full).as("parameter named in " + row.group()).containsKey(row.group(2));
                name += full.get(row.group(2));
            }
            documented.put(name, row.group(3));
        }
        CfnEvaluator everything = TemplateSamples.fullOf(TEMPLATE);
        Map<String, String> actual = new LinkedHashMap<>();
        named(container(everything).get("Environment"), "Value").keySet().forEach(n -> actual.put(n, "environment"));
        named(container(everything).get("Secrets"), "ValueFrom").keySet().forEach(n -> actual.put(n, "secret"));
        documented.forEach((name, how) -> {
            if (how.equals("not set")) {
                assertThat(actual).as(name).doesNotContainKey(name);
            } else {
                assertThat(actual.get(name)).as(name).isEqualTo(how);
            }
        });
        assertThat(documented).containsKeys(actual.keySet().toArray(String[]::new));
    }

    private static String sample(String parameter) {
        return TemplateSamples.minimal(TEMPLATE).get(parameter);
    }

    private static List<Object> readableSecrets(CfnEvaluator variant) {
        List<IamStatements.Statement> statements = IamStatements.of(variant.resource("TaskExecutionRole"));
        List<IamStatements.Statement> reading = statements.stream()
                .filter(s -> s.allows("secretsmanager:GetSecretValue"))
                .toList();
        assertThat(reading).hasSize(1);
        return reading.get(0).resources();
    }

    private Map<String, Object> container() {
        return container(cfn);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(CfnEvaluator variant) {
        List<Object> containers = (List<Object>)
                QueuesTemplateTest.props(variant, "TaskDefinition").get("ContainerDefinitions");
        assertThat(containers).hasSize(1);
        return (Map<String, Object>) containers.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> named(Object list, String valueKey) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object item : (List<Object>) list) {
            Map<String, Object> entry = (Map<String, Object>) item;
            out.put((String) entry.get("Name"), String.valueOf(entry.get(valueKey)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> ingress(String group) {
        return (List<Map<String, Object>>) props(group).get("SecurityGroupIngress");
    }

    private Map<String, Object> props(String id) {
        return QueuesTemplateTest.props(cfn, id);
    }
}
