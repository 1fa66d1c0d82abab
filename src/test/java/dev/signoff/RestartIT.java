package dev.signoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.CallRecord;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.Fault;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The packaged app (prod profile) against ElasticMQ, the Step Functions stand-in and PostgreSQL, stopped and
 * killed while it works. The scenarios share one app process, which each of them stops or kills and starts again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    private static final String UNAVAILABLE = "ServiceUnavailable";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RestartRig rig;

    @RegisterExtension
    static final TestWatcher showLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (rig != null) {
                System.err.println(context.getDisplayName() + " failed; the app's log:\n" + rig.logTails());
            }
        }
    };

    @BeforeAll
    static void startServices() {
        rig = new RestartRig();
    }

    @AfterAll
    static void stopServices() {
        if (rig != null) {
            rig.close();
        }
    }

    // First, while no killed process has a long poll pending: SQS (and ElasticMQ) can still hand a message to the
    // receive of a process that died mid-wait, and that message would count as in flight here.
    @Test
    @Order(1)
    void sigterm_mid_batch_stops_within_the_grace_period_and_every_request_still_becomes_one_task() throws Exception {
        rig.ensureRunning();
        long started = System.nanoTime();
        // A long visibility timeout: a message the app took but did not hand back on shutdown would stay in flight.
        rig.queue().setVisibilityTimeout(30);
        try {
            List<StartedExecution> executions = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> feeder = feedPaced(executions, 40);
            rig.awaitUntil(
                    "a few of the requests became tasks",
                    Duration.ofSeconds(30),
                    () -> taskCount(arns(executions)) >= 5,
                    () -> taskCount(arns(executions)) + " tasks");

            PackagedApp stopped = rig.app();
            Duration stopping = stopped.terminate(RestartRig.SHUTDOWN_GRACE.plusSeconds(15));
            assertThat(stopping)
                    .as(() -> "time from SIGTERM to exit\n" + rig.logTails())
                    .isLessThan(RestartRig.SHUTDOWN_GRACE);
            assertThat(stopped.logText()).as("a completed graceful shutdown").contains("signoff stopped in");
            feeder.get();
            List<String> arns = arns(executions);
            int atStop = taskCount(arns);
            assertThat(atStop)
                    .as("tasks when the app stopped; SIGTERM must land mid-batch")
                    .isLessThan(40);
            assertThat(rig.queue().inFlight())
                    .as(() -> "messages in flight after the shutdown (taken, not handed back)\n" + rig.logTails())
                    .isZero();

            rig.launch();
            awaitQueueDrained();
            assertExactlyOneTaskEach(arns);
            assertTokensNeverLogged(executions);
            System.out.printf(
                    "Scenario C: stopped with %d/40 tasks; SIGTERM to exit took %d ms%n", atStop, stopping.toMillis());
        } finally {
            rig.queue().setVisibilityTimeout(ElasticMqTestResource.VISIBILITY_SECONDS);
        }
        rig.time("scenario C (SIGTERM mid-batch)", started);
    }

    @Test
    @Order(2)
    void every_request_becomes_exactly_one_task_when_the_app_is_killed_mid_batch() {
        rig.ensureRunning();
        long started = System.nanoTime();
        // Fed over 2.4 s, as in scenario C: sent all at once, the 40 were sometimes all stored before the kill landed.
        List<StartedExecution> executions = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> feeder = feedPaced(executions, 40);
        rig.awaitUntil(
                "a few of the 40 requests became tasks",
                Duration.ofSeconds(60),
                () -> taskCount(arns(executions)) >= 3,
                () -> taskCount(arns(executions)) + " tasks");

        rig.app().kill();
        feeder.join();
        List<String> arns = arns(executions);
        int atCrash = taskCount(arns);
        assertThat(atCrash)
                .as("tasks when the app was killed; the kill must land mid-batch to test anything")
                .isLessThan(40);
        rig.launch();
        awaitQueueDrained();

        assertExactlyOneTaskEach(arns);
        assertThat(rig.queue().deadLetterDepth()).as("messages in the DLQ").isZero();
        assertThat(rig.schema().count("quarantine")).as("quarantined messages").isZero();
        assertTokensNeverLogged(executions);
        System.out.printf(
                "Scenario A: killed with %d/40 tasks; after restart %d redelivered copies were recognised%n",
                atCrash, occurrences(rig.app().logText(), "repeats the request of task"));
        rig.time("scenario A (kill -9 mid-batch)", started);
    }

    @Test
    @Order(3)
    void callbacks_left_undelivered_by_a_crash_are_delivered_once_after_restart() {
        rig.ensureRunning();
        long started = System.nanoTime();
        List<StartedExecution> executions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            executions.add(startExecution());
        }
        List<String> arns = arns(executions);
        rig.awaitUntil(
                "all 6 requests became tasks",
                Duration.ofSeconds(30),
                () -> taskCount(arns) == 6,
                () -> taskCount(arns) + " tasks");
        StepFunctionsStandIn standIn = StepFunctionsTestResource.standIn();
        standIn.injectFault("SendTaskSuccess", Fault.serviceUnavailable(1_000_000));

        for (String arn : arns) {
            HttpResponse<String> response = approve(rig.schema().taskId(arn));
            assertThat(response.statusCode())
                    .as(() -> "decision on the task of " + arn + ": " + response.body())
                    .isEqualTo(200);
        }
        Map<String, String> tokenHashes = arns.stream()
                .collect(Collectors.toMap(
                        arn -> arn, arn -> Workflows.execution(arn).taskTokenSha256()));
        rig.awaitUntil(
                "every decided callback was tried and refused with " + UNAVAILABLE,
                Duration.ofSeconds(30),
                () -> tokenHashes.values().stream().allMatch(hash -> successCalls(hash, UNAVAILABLE::equals) > 0),
                () -> "refused per execution: " + perExecution(tokenHashes, UNAVAILABLE::equals));
        assertThat(arns).allMatch(arn -> Workflows.execution(arn).status() == ExecutionStatus.RUNNING);

        rig.app().kill();
        long leasedAtCrash = rig.schema().leasedCallbacks(arns);
        assertThat(rig.schema().taskStatuses(arns))
                .as("tasks left by the crash")
                .hasSize(6)
                .allSatisfy((arn, status) -> assertThat(status).isEqualTo("DECIDED"));
        assertThat(rig.schema().callbackStatuses(arns))
                .as("callbacks left by the crash")
                .hasSize(6)
                .allSatisfy((arn, status) -> assertThat(status).isEqualTo("PENDING"));
        standIn.clearFaults();
        rig.launch();

        rig.awaitUntil(
                "every decided execution SUCCEEDED",
                Duration.ofSeconds(60),
                () -> arns.stream().allMatch(arn -> Workflows.execution(arn).status() == ExecutionStatus.SUCCEEDED),
                () -> "executions "
                        + arns.stream()
                                .map(arn -> Workflows.execution(arn).status())
                                .toList() + ", callbacks "
                        + rig.schema().callbackStatuses(arns).values());
        // The stand-in applies a call, then logs it, then answers; the app records DELIVERED only after the answer.
        // So the call log is complete once every callback is DELIVERED, not yet when the executions have SUCCEEDED.
        rig.awaitUntil(
                "every task and callback recorded as DELIVERED",
                Duration.ofSeconds(20),
                () -> rig.schema().taskStatuses(arns).values().stream().allMatch("DELIVERED"::equals)
                        && rig.schema().callbackStatuses(arns).values().stream().allMatch("DELIVERED"::equals),
                () -> "tasks " + rig.schema().taskStatuses(arns).values() + ", callbacks "
                        + rig.schema().callbackStatuses(arns).values());
        assertThat(perExecution(tokenHashes, CallRecord.OK::equals))
                .as("applied SendTaskSuccess calls per execution")
                .allSatisfy((arn, applied) -> assertThat(applied).isEqualTo(1L));
        assertThat(perExecution(tokenHashes, outcome -> !outcome.equals(UNAVAILABLE)))
                .as("SendTaskSuccess calls per execution once the outage was over (more than one is a re-send)")
                .allSatisfy((arn, sent) -> assertThat(sent).isEqualTo(1L));
        assertTokensNeverLogged(executions);
        System.out.printf("Scenario B: %d of 6 callbacks were claimed under a lease at the crash%n", leasedAtCrash);
        rig.time("scenario B (callbacks across kill -9)", started);
    }

    private static StartedExecution startExecution() {
        return Workflows.start(rig.queue().client(), rig.queue().queueUrl(), 3600);
    }

    private static void awaitQueueDrained() {
        rig.awaitUntil(
                "the review queue is drained",
                Duration.ofSeconds(60),
                () -> rig.queue().depth() == 0,
                () -> rig.queue().depth() + " messages left");
    }

    private static void assertExactlyOneTaskEach(List<String> arns) {
        Map<String, Integer> perArn = rig.schema().tasksPerExecution(arns);
        List<String> missing =
                arns.stream().filter(arn -> !perArn.containsKey(arn)).toList();
        Map<String, Integer> duplicated = perArn.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(missing)
                .as(() -> "executions without a task\n" + rig.logTails())
                .isEmpty();
        assertThat(duplicated)
                .as(() -> "executions with more than one task\n" + rig.logTails())
                .isEmpty();
        assertThat(perArn.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(arns.size());
    }

    private static void assertTokensNeverLogged(List<StartedExecution> executions) {
        String logs = rig.allLogs();
        List<String> leaked = executions.stream()
                .filter(e -> logs.contains(e.taskToken()))
                .map(StartedExecution::executionArn)
                .toList();
        assertThat(leaked)
                .as("executions whose task token appears in the app's log")
                .isEmpty();
    }

    private static HttpResponse<String> approve(String taskId) {
        String credentials = Base64.getEncoder()
                .encodeToString((RestartRig.REVIEWER + ":" + RestartRig.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(rig.app().uri("/api/tasks/" + taskId + "/decision"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"decision\":\"approve\",\"comment\":\"Checked before the crash\"}"))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("POST decision for task " + taskId + " failed\n" + rig.logTails(), e);
        }
    }

    /** SendTaskSuccess calls per execution whose outcome ({@code OK} = applied, else the error code) matches. */
    private static Map<String, Long> perExecution(Map<String, String> tokenHashes, Predicate<String> outcome) {
        return tokenHashes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> successCalls(e.getValue(), outcome)));
    }

    private static long successCalls(String tokenHash, Predicate<String> outcome) {
        return StepFunctionsTestResource.standIn().calls().stream()
                .filter(c -> c.operation().equals("SendTaskSuccess"))
                .filter(c -> tokenHash.equals(c.request().get("taskTokenSha256")))
                .filter(c -> outcome.test(c.outcome()))
                .count();
    }

    private static int taskCount(Collection<String> arns) {
        return rig.schema().tasksPerExecution(arns).values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    /** Starts {@code n} waiting executions in the background, one every 60 ms, so that intake is mid-stream. */
    private static CompletableFuture<Void> feedPaced(List<StartedExecution> executions, int n) {
        return CompletableFuture.runAsync(() -> {
            for (int i = 0; i < n; i++) {
                executions.add(startExecution());
                RestartRig.sleep(Duration.ofMillis(60));
            }
        });
    }

    private static List<String> arns(List<StartedExecution> executions) {
        synchronized (executions) {
            return executions.stream().map(StartedExecution::executionArn).toList();
        }
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
