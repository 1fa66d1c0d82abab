package dev.signoff.sandbox;

import dev.signoff.artifacts.ArtifactStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/** Starts the embedded SQS, S3 and SMTP before anything else observes startup, and stops them on shutdown. */
@ApplicationScoped
class SandboxServices {

    private static final Logger LOG = Logger.getLogger(SandboxServices.class);
    private static final String HOST = "127.0.0.1";

    private final SandboxConfig config;
    private final Instance<ArtifactStore> artifactStore;
    private EmbeddedSqs sqs;
    private EmbeddedS3 s3;
    private volatile EmbeddedSmtp smtp;

    SandboxServices(SandboxConfig config, Instance<ArtifactStore> artifactStore) {
        this.config = config;
        this.artifactStore = artifactStore;
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        LOG.warn("Sandbox mode: starting embedded SQS and S3. Never use this in production.");
        SandboxConfig.Sqs q = config.sqs();
        sqs = EmbeddedSqs.start(new EmbeddedSqs.Settings(
                HOST, q.port(), q.region(), q.queueName(), q.deadLetterQueueName(), q.maxReceiveCount()));
        sqs.createQueue(q.executionEventsQueueName());
        SandboxConfig.S3 b = config.s3();
        s3 = EmbeddedS3.start(new EmbeddedS3.Settings(HOST, b.port(), b.baseDir(), List.of(b.bucket())));
        smtp = EmbeddedSmtp.start(HOST, config.smtp().port());
        warnUnlessClientPointsAt("quarkus.sqs.endpoint-override", sqs.endpoint());
        warnUnlessClientPointsAt("quarkus.s3.endpoint-override", s3.endpoint());
        if (b.seedDemoArtifacts()) {
            DemoArtifacts.seed(artifactStore.get(), b.bucket());
            LOG.infof("Seeded %d demo artifacts into s3://%s/demo/", DemoArtifacts.ALL.size(), b.bucket());
        }
    }

    /** The embedded SMTP server's mailbox; empty when the sandbox is off. */
    Optional<EmbeddedSmtp> mailbox() {
        return Optional.ofNullable(smtp);
    }

    void stop(@Observes ShutdownEvent event) {
        if (smtp != null) {
            smtp.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }

    private static void warnUnlessClientPointsAt(String property, URI endpoint) {
        Optional<String> configured = ConfigProvider.getConfig().getOptionalValue(property, String.class);
        if (configured.map(value -> !URI.create(value).equals(endpoint)).orElse(true)) {
            LOG.warnf(
                    "Sandbox: %s is %s but the embedded service listens on %s",
                    property, configured.orElse("unset"), endpoint);
        }
    }
}
