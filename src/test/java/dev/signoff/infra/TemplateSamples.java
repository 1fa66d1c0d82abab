package dev.signoff.infra;

import java.util.HashMap;
import java.util.Map;

/**
 * Realistic parameter values for the templates: {@link #minimal} gives only what has no default, {@link #full}
 * also switches on every optional feature (KMS keys, the events queue, StopExecution, a private registry, a
 * previous token key).
 */
final class TemplateSamples {
    static final String STATE_MACHINES = "arn:aws:states:eu-west-1:111122223333:stateMachine:document-processing,"
            + "arn:aws:states:eu-west-1:111122223333:stateMachine:research-loop";
    static final String KMS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String REVIEW_QUEUE = "arn:aws:sqs:eu-west-1:111122223333:signoff-review-requests";
    static final String EVENTS_QUEUE = "arn:aws:sqs:eu-west-1:111122223333:signoff-execution-events";
    static final String DEAD_LETTER_QUEUE = "arn:aws:sqs:eu-west-1:111122223333:signoff-review-requests-dlq";
    static final String TOKEN_KEY_ID = "202611";
    static final String PREVIOUS_TOKEN_KEY_ID = "202605";
    static final String ARTIFACTS = "arn:aws:s3:::acme-agent-artifacts/reviews/*,arn:aws:s3:::acme-intake/invoices/*";

    private TemplateSamples() {}

    static Map<String, String> minimal(String template) {
        return switch (template) {
            case "signoff-queues.yaml" -> Map.of("StateMachineArns", STATE_MACHINES);
            case "signoff-iam.yaml" ->
                Map.of(
                        "ReviewQueueArn",
                        REVIEW_QUEUE,
                        "StateMachineArns",
                        STATE_MACHINES,
                        "ArtifactObjectArns",
                        ARTIFACTS);
            case "signoff-service.yaml" -> {
                Map<String, String> p = new HashMap<>();
                p.put("VpcId", "vpc-0a1b2c3d4e5f67890");
                p.put("PublicSubnetIds", "subnet-0aaa1111bbbb2222c,subnet-0ddd3333eeee4444f");
                p.put("PrivateSubnetIds", "subnet-0123456789abcdef0,subnet-0fedcba9876543210");
                p.put(
                        "CertificateArn",
                        "arn:aws:acm:eu-west-1:111122223333:certificate/0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f");
                p.put("ContainerImage", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/signoff:1.0.0");
                p.put("TaskRoleArn", "arn:aws:iam::111122223333:role/signoff-app");
                p.put("IntakeQueueUrl", "https://sqs.eu-west-1.amazonaws.com/111122223333/signoff-review-requests");
                p.put("OidcAuthServerUrl", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123");
                p.put("OidcClientId", "4f1b2c3d4e5f6a7b8c9d0e1f2a");
                p.put(
                        "OidcClientSecretArn",
                        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:signoff/oidc-client-secret-AbCdEf");
                p.put("TokenKeyId", TOKEN_KEY_ID);
                p.put(
                        "TokenKeySecretArn",
                        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:signoff/token-key-202611-GhIjKl");
                p.put(
                        "SessionEncryptionKeySecretArn",
                        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:signoff/session-key-MnOpQr");
                p.put("ArtifactBuckets", "acme-agent-artifacts,acme-intake");
                yield p;
            }
            default -> throw new IllegalArgumentException(template);
        };
    }

    static Map<String, String> full(String template) {
        Map<String, String> p = new HashMap<>(minimal(template));
        switch (template) {
            case "signoff-queues.yaml" -> p.put("KmsKeyArn", KMS_KEY);
            case "signoff-iam.yaml" -> {
                p.put("ExecutionEventsQueueArn", EVENTS_QUEUE);
                p.put("DeadLetterQueueArn", DEAD_LETTER_QUEUE);
                p.put("AllowStopExecution", "true");
                p.put("KmsKeyArns", KMS_KEY);
            }
            case "signoff-service.yaml" -> {
                p.put("ImageRepositoryArn", "arn:aws:ecr:eu-west-1:111122223333:repository/signoff");
                p.put("SecretsKmsKeyArn", KMS_KEY);
                p.put("PreviousTokenKeyId", PREVIOUS_TOKEN_KEY_ID);
                p.put(
                        "PreviousTokenKeySecretArn",
                        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:signoff/token-key-202605-StUvWx");
                p.put("OidcGroupsClaim", "cognito:groups");
                p.put("OidcExtraAudiences", "7a8b9c0d1e2f3a4b5c6d7e8f9a");
                p.put("OidcSubjectClaim", "oid");
                p.put("OidcAssigneeClaim", "oid");
                p.put("OidcScopes", "email,profile");
                p.put("AdminGroup", "signoff-operators");
                p.put("DefaultReviewGroups", "review-triage,ops-leads");
                p.put("NotifyBaseUrl", "https://signoff.example.com");
                p.put("NotifyFrom", "Signoff <signoff@example.com>");
                p.put(
                        "SmtpCredentialsSecretArn",
                        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:signoff/smtp-AbCdEf");
                p.put(
                        "ExecutionEventsQueueUrl",
                        "https://sqs.eu-west-1.amazonaws.com/111122223333/signoff-execution-events");
                p.put(
                        "DeadLetterQueueUrl",
                        "https://sqs.eu-west-1.amazonaws.com/111122223333/signoff-review-requests-dlq");
            }
            default -> throw new IllegalArgumentException(template);
        }
        return p;
    }

    static CfnEvaluator minimalOf(String template) {
        return new CfnEvaluator(InfraFiles.template(template), minimal(template));
    }

    static CfnEvaluator fullOf(String template) {
        return new CfnEvaluator(InfraFiles.template(template), full(template));
    }
}
