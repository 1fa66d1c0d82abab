package dev.signoff.sandbox;

import dev.signoff.review.ReviewService;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.StatusChangeListener;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The sandbox's side of Step Functions: starts the stand-in that receives Signoff's callbacks, and the demo
 * executions that wait for a review. Runs after the embedded SQS and S3 are up and before intake starts polling.
 * Like the EventBridge rule in AWS, it forwards the stand-in's execution status change events to the events queue.
 */
@ApplicationScoped
public class SandboxWorkflows {

    private static final Logger LOG = Logger.getLogger(SandboxWorkflows.class);

    private final SandboxConfig config;
    private final SqsClient sqs;
    private final ReviewService reviews;
    private final Clock clock;
    private final String queueUrl;
    private StepFunctionsStandIn standIn;

    SandboxWorkflows(
            SandboxConfig config,
            SqsClient sqs,
            ReviewService reviews,
            Clock clock,
            @ConfigProperty(name = "signoff.intake.queue-url") String queueUrl) {
        this.config = config;
        this.sqs = sqs;
        this.reviews = reviews;
        this.clock = clock;
        this.queueUrl = queueUrl;
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        String eventsQueueUrl = sqs.getQueueUrl(b -> b.queueName(config.sqs().executionEventsQueueName()))
                .queueUrl();
        StatusChangeListener toQueue =
                eventJson -> sqs.sendMessage(b -> b.queueUrl(eventsQueueUrl).messageBody(eventJson));
        standIn = StepFunctionsStandIn.start(config.stepFunctions().port(), clock, toQueue);
        LOG.infof(
                "Sandbox: Step Functions stand-in listening on %s, status change events to %s",
                standIn.endpoint(), eventsQueueUrl);
        if (config.demo() && reviews.countOpen() == 0) {
            startDemo();
        } else if (config.demo()) {
            LOG.info("Sandbox: reviews are still waiting, so no new demo executions were started. The stand-in"
                    + " forgot the old executions when it stopped: deciding those reviews marks them EXPIRED."
                    + " Delete ./data to start afresh, or start a new round from the Sandbox workflows page.");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (standIn != null) {
            standIn.close();
        }
    }

    /** Deadlines are otherwise only noticed when an execution is touched; this sends timed-out ones' events. */
    @Scheduled(
            every = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void checkDeadlines() {
        if (standIn != null) {
            standIn.checkDeadlines();
        }
    }

    public boolean enabled() {
        return standIn != null;
    }

    /** The running stand-in, to show what the workflows received. Empty outside the sandbox. */
    public Optional<StepFunctionsStandIn> standIn() {
        return Optional.ofNullable(standIn);
    }

    public List<StartedExecution> startDemo() {
        DemoScenarios scenarios = DemoScenarios.load(config.s3().bucket(), SandboxWorkflows::demoSize);
        List<StartedExecution> started = new DemoDriver(standIn, sqs, queueUrl, clock, scenarios).startAll();
        started.forEach(execution -> LOG.infof("Sandbox: started %s", execution));
        return started;
    }

    private static OptionalLong demoSize(String key) {
        return DemoArtifacts.ALL.stream()
                .filter(artifact -> artifact.key().equals(key))
                .mapToLong(artifact -> DemoArtifacts.read(artifact).length)
                .findFirst();
    }
}
