package dev.signoff.sandbox;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.jboss.logging.Logger;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.FutureConverters;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ running in this JVM: the review queue and its dead-letter queue, reachable through the real SQS
 * protocol. Used by the sandbox and by the test suite; never started in production.
 */
public final class EmbeddedSqs implements AutoCloseable {

    /** Credentials ElasticMQ accepts; it checks none, but the SDK insists on signing. */
    public static final String ACCESS_KEY = "signoff-local";

    public static final String SECRET_KEY = "signoff-local-secret";

    private static final Logger LOG = Logger.getLogger(EmbeddedSqs.class);
    private static final String ACCOUNT_ID = "000000000000";
    private static final String FOUR_DAYS = "345600";
    private static final String FOURTEEN_DAYS = "1209600";

    /**
     * @param port 0 picks a free port
     * @param maxReceiveCount receives after which a message moves to the dead-letter queue
     */
    public record Settings(
            String host, int port, String region, String queueName, String deadLetterQueueName, int maxReceiveCount) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(queueName, "queueName");
            Objects.requireNonNull(deadLetterQueueName, "deadLetterQueueName");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
            if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
                throw new IllegalArgumentException("maxReceiveCount must be 1-1000, was " + maxReceiveCount);
            }
        }
    }

    private final ActorSystem actorSystem;
    private final Http.ServerBinding binding;
    private final URI endpoint;
    private final String region;
    private final String queueUrl;
    private final String deadLetterQueueUrl;

    private EmbeddedSqs(
            ActorSystem actorSystem,
            Http.ServerBinding binding,
            URI endpoint,
            String region,
            String queueUrl,
            String deadLetterQueueUrl) {
        this.actorSystem = actorSystem;
        this.binding = binding;
        this.endpoint = endpoint;
        this.region = region;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    /** Starts ElasticMQ, waits until it listens, and creates both queues. */
    public static EmbeddedSqs start(Settings settings) {
        ActorSystem system = newActorSystem();
        try {
            Http.ServerBinding binding = SQSRestServerBuilder.withActorSystem(system)
                    .withInterface(settings.host())
                    .withPort(settings.port())
                    .withAWSRegion(settings.region())
                    .withAWSAccountId(ACCOUNT_ID)
                    .start()
                    .waitUntilStarted();
            URI endpoint = URI.create(
                    "http://" + settings.host() + ":" + binding.localAddress().getPort());
            try (SqsClient sqs = client(endpoint, settings.region())) {
                String dlqUrl = createQueue(sqs, settings.deadLetterQueueName(), FOURTEEN_DAYS, Map.of());
                String dlqArn = sqs.getQueueAttributes(
                                r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes()
                        .get(QueueAttributeName.QUEUE_ARN);
                String redrivePolicy = "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%d\"}"
                        .formatted(dlqArn, settings.maxReceiveCount());
                String queueUrl = createQueue(
                        sqs, settings.queueName(), FOUR_DAYS, Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy));
                LOG.infof("Embedded SQS (ElasticMQ) listening on %s, queue %s", endpoint, queueUrl);
                return new EmbeddedSqs(system, binding, endpoint, settings.region(), queueUrl, dlqUrl);
            }
        } catch (RuntimeException e) {
            terminate(system);
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    /** Creates (or finds) a plain queue without a dead-letter queue, e.g. for execution status change events. */
    public String createQueue(String name) {
        try (SqsClient sqs = client(endpoint, region)) {
            String url = createQueue(sqs, name, FOUR_DAYS, Map.of());
            LOG.infof("Embedded SQS: queue %s", url);
            return url;
        }
    }

    /** A client for this server, signed with {@link #ACCESS_KEY}; the caller closes it. */
    public SqsClient newClient(String region) {
        return client(endpoint, region);
    }

    @Override
    public void close() {
        try {
            await(binding.terminate(FiniteDuration.apply(2, TimeUnit.SECONDS)));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Embedded SQS on %s did not unbind cleanly", endpoint);
        }
        terminate(actorSystem);
        unregisterMetricsBean();
        LOG.infof("Embedded SQS on %s stopped", endpoint);
    }

    /*
     * Pekko reads reference.conf through a class loader. Under Quarkus the thread context loader is not always the
     * one that sees ElasticMQ's and Pekko's jars, so both the config and the actor system get this class's loader.
     * The overrides keep Pekko from exiting the JVM or hooking its shutdown: the owner stops it.
     */
    private static ActorSystem newActorSystem() {
        ClassLoader loader = EmbeddedSqs.class.getClassLoader();
        Config overrides = ConfigFactory.parseMap(Map.of(
                "pekko.loglevel", "WARNING",
                "pekko.stdout-loglevel", "WARNING",
                "pekko.jvm-exit-on-fatal-error", "off",
                "pekko.jvm-shutdown-hooks", "off",
                "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off",
                "pekko.log-dead-letters", "off"));
        Config config = overrides.withFallback(ConfigFactory.load(loader));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return ActorSystem.create("elasticmq", config, loader);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static String createQueue(
            SqsClient sqs, String name, String retentionSeconds, Map<QueueAttributeName, String> extra) {
        var attributes = new HashMap<>(extra);
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, retentionSeconds);
        return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
    }

    private static SqsClient client(URI endpoint, String region) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static void terminate(ActorSystem system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("ElasticMQ actor system did not terminate within 10 s", e);
        }
    }

    private static void await(scala.concurrent.Future<?> future) {
        try {
            FutureConverters.asJava(future).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /* ElasticMQ registers a JMX bean once per JVM and never removes it; drop it so a restart registers its own. */
    private static void unregisterMetricsBean() {
        try {
            var server = ManagementFactory.getPlatformMBeanServer();
            var name = new ObjectName("org.elasticmq:name=Queues");
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (Exception e) {
            LOG.debug("Could not unregister ElasticMQ's metrics bean", e);
        }
    }
}
