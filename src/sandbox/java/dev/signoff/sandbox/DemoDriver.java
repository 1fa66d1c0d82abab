package dev.signoff.sandbox;

import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Plays the agent pipelines of the sandbox: starts demo executions on the Step Functions stand-in, each of which
 * enters its waitForTaskToken state and puts a review request on the queue Signoff reads. Every start is a new
 * execution with a new token; nothing here heartbeats or answers.
 */
public final class DemoDriver {

    private final StepFunctionsStandIn standIn;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;
    private final DemoScenarios scenarios;

    public DemoDriver(StepFunctionsStandIn standIn, SqsClient sqs, String queueUrl, Clock clock) {
        this(standIn, sqs, queueUrl, clock, DemoScenarios.load());
    }

    public DemoDriver(
            StepFunctionsStandIn standIn, SqsClient sqs, String queueUrl, Clock clock, DemoScenarios scenarios) {
        this.standIn = Objects.requireNonNull(standIn, "standIn");
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
    }

    /**
     * Starts one execution per scenario, in {@link DemoScenarios#all()} order. An execution whose message SQS
     * refused is still returned; the stand-in has recorded it as failed (TaskSubmitFailed).
     */
    public List<StartedExecution> startAll() {
        return scenarios.all().stream().map(this::start).toList();
    }

    /** @throws IllegalArgumentException naming the known scenarios when there is none of that name */
    public StartedExecution startOne(String scenarioName) {
        return start(scenarios.byName(scenarioName));
    }

    public DemoScenarios scenarios() {
        return scenarios;
    }

    private StartedExecution start(DemoScenario scenario) {
        Instant now = clock.instant();
        // A random suffix keeps names unique per state machine however often the demo is started.
        String executionName =
                scenario.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String input = scenario.executionInput(now);
        return standIn.startWaitingExecution(
                scenario.task(executionName, input), sqs, queueUrl, context -> scenario.messageBodyFor(input, context));
    }
}
