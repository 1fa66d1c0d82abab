package dev.signoff.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;

/**
 * The in-process stand-ins for SQS, S3 and Step Functions that the sandbox starts. Never enable in production. Ports
 * start at 1: a port the system picks (0) could not match the fixed endpoint overrides that point the clients here.
 */
@ConfigMapping(prefix = "signoff.sandbox")
public interface SandboxConfig {

    /** Starts embedded ElasticMQ and S3Proxy on startup and seeds the demo artifacts. */
    @WithDefault("false")
    boolean enabled();

    /** Start the demo executions when no review is waiting (the stand-in forgets executions on restart). */
    @WithDefault("true")
    boolean demo();

    Sqs sqs();

    S3 s3();

    /** Named explicitly only so validation messages say step-functions: SmallRye names groups by their method. */
    @WithName("step-functions")
    StepFunctions stepFunctions();

    /** The embedded SMTP server (GreenMail) the sandbox's mail goes to; its mailbox page reads it back. */
    Smtp smtp();

    interface Smtp {
        /** Point quarkus.mailer.host/port at 127.0.0.1:<port>. */
        @WithDefault("3025")
        @Min(1)
        @Max(65535)
        int port();
    }

    interface StepFunctions {
        /** Point signoff.callbacks.endpoint-override at http://127.0.0.1:<port>. */
        @WithDefault("8083")
        @Min(1)
        @Max(65535)
        int port();
    }

    interface Sqs {
        /** Point quarkus.sqs.endpoint-override at http://127.0.0.1:<port>. */
        @WithDefault("9324")
        @Min(1)
        @Max(65535)
        int port();

        @WithDefault("us-east-1")
        String region();

        @WithDefault("signoff-review")
        String queueName();

        @WithDefault("signoff-review-dlq")
        String deadLetterQueueName();

        /** Where the Step Functions stand-in sends its execution status change events, as an EventBridge rule would. */
        @WithDefault("signoff-execution-events")
        String executionEventsQueueName();

        /** Receives after which a message that keeps failing moves to the dead-letter queue; SQS allows 1-1000. */
        @WithDefault("5")
        @Min(1)
        @Max(1000)
        int maxReceiveCount();
    }

    interface S3 {
        /** Point quarkus.s3.endpoint-override at http://127.0.0.1:<port>. */
        @WithDefault("9444")
        @Min(1)
        @Max(65535)
        int port();

        /** Buckets are folders here and objects are files, so they survive restarts. */
        @WithDefault("data/s3")
        Path baseDir();

        /** Created on startup; must be listed in signoff.artifacts.allowed-buckets. */
        @WithDefault("signoff-sandbox")
        String bucket();

        @WithDefault("true")
        boolean seedDemoArtifacts();
    }
}
