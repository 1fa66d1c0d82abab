package dev.signoff.sandbox.stepfunctions;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A local Step Functions endpoint for the real {@code SfnClient} (via endpointOverride): serves
 * SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat, DescribeExecution, GetExecutionHistory and
 * StopExecution over AWS JSON 1.0 with AWS's errors, and simulates executions waiting in a
 * {@code sqs:sendMessage.waitForTaskToken} Task. Time comes from the given clock and deadlines are checked
 * when an execution is next touched ({@link #checkDeadlines()} touches them all). Safe for concurrent use.
 *
 * <p>Like Step Functions with an EventBridge rule, it reports each execution that stops — SUCCEEDED after
 * SendTaskSuccess, FAILED after SendTaskFailure, a task timeout (States.Timeout, uncaught) or a failed submit,
 * ABORTED after StopExecution — once, as a "Step Functions Execution Status Change" event to the
 * {@link StatusChangeListener} given at start. It has no execution-level TimeoutSeconds, so never TIMED_OUT.
 */
public final class StepFunctionsStandIn implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "123456789012";

    private final HttpServer server;
    private final ExecutorService workers;
    private final Clock clock;
    private final Executions executions = new Executions();
    private final Faults faults = new Faults();
    private final Throttles throttles = new Throttles(System::nanoTime);
    private final CallLog calls = new CallLog();
    private final SlowCalls slowCalls = new SlowCalls();
    private final TaskLauncher launcher;

    private StepFunctionsStandIn(
            HttpServer server, ExecutorService workers, Clock clock, StatusChangeListener statusChanges) {
        this.server = server;
        this.workers = workers;
        this.clock = clock;
        this.launcher = new TaskLauncher(
                executions, clock, REGION, ACCOUNT_ID, new StatusChanges(statusChanges, REGION, ACCOUNT_ID));
    }

    /** Listens on 127.0.0.1:{@code port}; 0 picks a free port. Status change events are dropped. */
    public static StepFunctionsStandIn start(int port, Clock clock) {
        return start(port, clock, StatusChangeListener.NONE);
    }

    /** Listens on 127.0.0.1:{@code port}; 0 picks a free port. Sends status change events to {@code statusChanges}. */
    public static StepFunctionsStandIn start(int port, Clock clock, StatusChangeListener statusChanges) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(statusChanges, "statusChanges");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "sfn-stand-in-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        StepFunctionsStandIn standIn = new StepFunctionsStandIn(server, workers, clock, statusChanges);
        Operations operations = new Operations(standIn.executions, clock);
        server.createContext(
                "/",
                new SfnHttpHandler(
                        operations, standIn.faults, standIn.throttles, standIn.calls::add, standIn.slowCalls, clock));
        server.setExecutor(workers);
        server.start();
        return standIn;
    }

    /** The base URI to give {@code SfnClient.builder().endpointOverride(...)}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Starts an execution that enters a waitForTaskToken Task: mints a token, builds the message body from
     * the task context and sends it with {@code sqs} to {@code queueUrl}. If SQS refuses it, the execution
     * fails the way Step Functions records it (TaskSubmitFailed, then ExecutionFailed) and this still returns.
     *
     * @throws IllegalArgumentException if an execution of that name already exists
     */
    public StartedExecution startWaitingExecution(
            WaitForTaskTokenTask task, SqsClient sqs, String queueUrl, Function<TaskContext, String> messageBody) {
        return launcher.launch(task, sqs, queueUrl, messageBody);
    }

    /** Makes the next {@code fault.times()} calls of {@code operation} (e.g. "SendTaskSuccess") fail. */
    public void injectFault(String operation, Fault fault) {
        if (!Operations.SUPPORTED.contains(operation)) {
            throw new IllegalArgumentException("Not an operation of this stand-in: " + operation);
        }
        faults.add(operation, Objects.requireNonNull(fault, "fault"));
    }

    /**
     * Throttles {@code operations} together, as an AWS quota does: {@code ratePerSecond} calls a second, up to
     * {@code burst} saved up; a call beyond that is answered ThrottlingException (HTTP 400) and not applied. The real
     * quotas are in /work/shared/reference/aws-facts.md (SendTaskSuccess, -Failure and -Heartbeat: 500 a second, a
     * bucket of 3,000, in the large regions). Real time, whatever the stand-in's clock.
     */
    public void throttle(int ratePerSecond, int burst, String... operations) {
        Set<String> limited = Set.of(operations);
        for (String operation : limited) {
            if (!Operations.SUPPORTED.contains(operation)) {
                throw new IllegalArgumentException("Not an operation of this stand-in: " + operation);
            }
        }
        throttles.limit(limited, ratePerSecond, burst);
    }

    /** The throttles' time source, for tests in this package that move time by hand. */
    void throttleTime(java.util.function.LongSupplier nanoTime) {
        throttles.useTime(nanoTime);
    }

    /** Clears throttles and faults not yet used up, and lets every call held by {@link Fault.SlowResponse} answer. */
    public void clearFaults() {
        faults.clear();
        throttles.clear();
        slowCalls.release();
    }

    /** Lets every call held by a {@link Fault.SlowResponse} answer now. */
    public void releaseSlow() {
        slowCalls.release();
    }

    /** How many calls a {@link Fault.SlowResponse} holds right now: calls the client has in flight at once. */
    public int slowCallsHeld() {
        return slowCalls.held();
    }

    /** The most calls held at the same time since the last release. */
    public int mostSlowCallsAtOnce() {
        return slowCalls.mostAtOnce();
    }

    /** The calls received so far (the latest 10,000), oldest first. */
    public List<CallRecord> calls() {
        return calls.snapshot();
    }

    /**
     * The calls received after the first {@code seen} (counting from the stand-in's start), oldest first, so a
     * caller reading often misses none even when there are more than the 10,000 {@link #calls()} keeps.
     */
    public CallLog.Page callsAfter(long seen) {
        return calls.after(seen);
    }

    public Optional<ExecutionSnapshot> execution(String executionArn) {
        return executions.byArn(executionArn).map(execution -> execution.snapshot(clock.instant()));
    }

    /** All executions, oldest first. */
    public List<ExecutionSnapshot> executions() {
        return executions.all().stream()
                .map(execution -> execution.snapshot(clock.instant()))
                .toList();
    }

    /** Ends every execution whose task deadline has passed, so its status change event goes out now. */
    public void checkDeadlines() {
        executions.all().forEach(execution -> execution.snapshot(clock.instant()));
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
