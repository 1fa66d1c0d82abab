package dev.signoff.bench;

import dev.signoff.bench.Results.Goal;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.TaskContext;
import dev.signoff.sandbox.stepfunctions.WaitForTaskTokenTask;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Scenario 1: how fast the app drains a queue of valid requests into tasks, against R0, a bare SDK loop
 * (ReceiveMessage 10 + DeleteMessageBatch, same number of pollers, no database) on the same ElasticMQ in the same run.
 */
final class IntakeBench {

    private static final String SCENARIO = "1 intake";
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final BenchRig rig;
    private final BenchSettings settings;
    private final Results results;

    IntakeBench(BenchRig rig, BenchSettings settings, Results results) {
        this.rig = rig;
        this.settings = settings;
        this.results = results;
    }

    /** R0 in messages per second: the median of {@code baselineRuns} drains. */
    double baseline() {
        List<Double> rates = new ArrayList<>();
        CpuMeter.Reading before = null;
        CpuMeter.Reading after = null;
        for (int run = 0; run < settings.baselineRuns(); run++) {
            String queue = rig.createQueue("bench-baseline-" + run);
            fill(queue, settings.intakeMessages(), sampleBody());
            before = CpuMeter.read(-1);
            rates.add(drainBare(queue, settings.intakeMessages()));
            after = CpuMeter.read(-1);
        }
        if (before != null) {
            results.info(
                    SCENARIO,
                    "R0: CPU per message (the last drain)",
                    CpuMeter.totalMillisPerMessage(before, after, settings.intakeMessages()),
                    "ms",
                    CpuMeter.perMessage(before, after, settings.intakeMessages(), CORES));
        }
        double median = median(rates);
        results.info(
                SCENARIO,
                "R0: bare SDK drain, median of " + rates.size(),
                median,
                "msg/s",
                "runs "
                        + rates.stream()
                                .map(r -> String.format(java.util.Locale.ROOT, "%.0f", r))
                                .toList());
        return median;
    }

    /** Fills the review queue as waiting executions would (tokens from the stand-in); the app is not running. */
    List<StartedExecution> fillReviewQueue(int n) {
        filled = n;
        List<StartedExecution> started = Collections.synchronizedList(new ArrayList<>(n));
        long t0 = System.nanoTime();
        parallel(
                n,
                i -> started.add(rig.standIn()
                        .startWaitingExecution(
                                WaitForTaskTokenTask.of("invoice-processing", "HumanReview", 86_400),
                                rig.sqs(),
                                rig.reviewQueueUrl(),
                                context -> BenchRequests.body(context))));
        System.out.printf("bench: %d requests on the review queue in %d ms%n", n, millisSince(t0));
        return started;
    }

    /** How many requests {@link #fillReviewQueue} put on the queue. */
    private int filled;

    /** Waits until the running app has stored what {@link #fillReviewQueue} sent, for the scenarios that need tasks. */
    void awaitStored() throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + filled / 20);
        try (Connection db = rig.connect()) {
            while (count(db, "select count(*) from review_task") < filled) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Intake did not store " + filled + " tasks in time");
                }
                BenchApp.pause(Duration.ofMillis(200));
            }
        }
    }

    /** Waits until the running app has stored every request and deleted every message; records the figures. */
    void measureDrain(BenchApp app, double r0) throws SQLException {
        int n = settings.intakeMessages();
        Duration patience = Duration.ofSeconds(120 + n / 20);
        long deadline = System.nanoTime() + patience.toNanos();
        try (Connection db = rig.connect()) {
            // The app drains from its start on: CPU is counted from here, per message stored from here.
            long storedBefore = count(db, "select count(*) from review_task");
            CpuMeter.Reading cpuBefore = CpuMeter.read(app.pid());
            CpuMeter.Reading cpuHalf = null;
            long storedAtHalf = 0;
            long stored;
            while ((stored = count(db, "select count(*) from review_task")) < n) {
                if (cpuHalf == null && stored >= n / 2) {
                    cpuHalf = CpuMeter.read(app.pid());
                    storedAtHalf = stored;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Intake did not store " + n + " tasks within " + patience);
                }
                BenchApp.pause(Duration.ofMillis(200));
            }
            CpuMeter.Reading cpuAfter = CpuMeter.read(app.pid());
            while (queued(rig.reviewQueueUrl()) > 0 && System.nanoTime() < deadline) {
                BenchApp.pause(Duration.ofMillis(100));
            }
            double seconds;
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery(
                            "select extract(epoch from max(received_at) - min(received_at))" + " from review_task")) {
                r.next();
                seconds = r.getDouble(1);
            }
            double rate = (n - 1) / Math.max(seconds, 1e-3);
            long tasks = count(db, "select count(*) from review_task");
            long distinct = count(db, "select count(distinct token_hash) from review_task");
            results.info(SCENARIO, "Signoff intake of " + n + " valid requests", rate, "msg/s", "first to last stored");
            results.measured(SCENARIO, "Signoff intake / R0", rate / r0, "x", Goal.AT_LEAST, 0.8);
            long measured = n - storedBefore;
            double cpuPerMessage = CpuMeter.totalMillisPerMessage(cpuBefore, cpuAfter, measured);
            results.info(
                    SCENARIO,
                    "Signoff intake: CPU per message",
                    cpuPerMessage,
                    "ms",
                    CpuMeter.perMessage(cpuBefore, cpuAfter, measured, CORES) + "; " + measured + " messages");
            if (cpuPerMessage > 0 && r0 > 0) {
                // The fastest intake this machine's CPUs allow, were they busy with nothing else.
                double ceiling = CORES * 1000 / cpuPerMessage;
                results.info(
                        SCENARIO,
                        "CPU ceiling of intake / R0",
                        ceiling / r0,
                        "x",
                        String.format(java.util.Locale.ROOT, "%.0f msg/s at %d cores fully busy", ceiling, CORES));
            }
            if (cpuHalf != null) {
                warmHalf(db, r0, storedAtHalf, cpuHalf, cpuAfter);
            }
            results.measured(SCENARIO, "duplicate tasks", tasks - distinct + (tasks - n), "tasks", Goal.AT_MOST, 0);
            results.measured(
                    SCENARIO,
                    "messages left on the queue (visible + in flight) + DLQ",
                    queued(rig.reviewQueueUrl()) + queued(rig.deadLetterQueueUrl()),
                    "messages",
                    Goal.AT_MOST,
                    0);
        }
    }

    /**
     * The drain from the message stored at half-time to the last: the JVM has compiled its hot paths by then (C2 took
     * about a quarter of the app's CPU in the first seconds of a cold drain), as in a long-running instance that
     * meets a burst. Reported beside the whole drain, which the goal is measured on.
     */
    private void warmHalf(
            Connection db, double r0, long storedAtHalf, CpuMeter.Reading cpuHalf, CpuMeter.Reading cpuAfter)
            throws SQLException {
        long messages = settings.intakeMessages() - storedAtHalf;
        double seconds;
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("select extract(epoch from max(received_at) - (select received_at from"
                        + " review_task order by received_at offset " + (storedAtHalf - 1) + " limit 1))"
                        + " from review_task")) {
            r.next();
            seconds = r.getDouble(1);
        }
        double rate = messages / Math.max(seconds, 1e-3);
        String note = "the last " + messages + " messages, stored after the first half";
        results.info(SCENARIO, "Signoff intake, warmed up (second half)", rate, "msg/s", note);
        results.info(SCENARIO, "Signoff intake, warmed up / R0", rate / r0, "x", note);
        results.info(
                SCENARIO,
                "Signoff intake, warmed up: CPU per message",
                CpuMeter.totalMillisPerMessage(cpuHalf, cpuAfter, messages),
                "ms",
                CpuMeter.perMessage(cpuHalf, cpuAfter, messages, CORES));
    }

    private double drainBare(String queue, int n) {
        SqsClient sqs = rig.sqs();
        AtomicInteger deleted = new AtomicInteger();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(settings.pollers());
        List<Future<?>> loops = new ArrayList<>();
        for (int p = 0; p < settings.pollers(); p++) {
            loops.add(pool.submit(() -> {
                while (deleted.get() < n) {
                    List<Message> batch = sqs.receiveMessage(r ->
                                    r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .messages();
                    if (batch.isEmpty()) {
                        continue;
                    }
                    List<DeleteMessageBatchRequestEntry> entries = IntStream.range(0, batch.size())
                            .mapToObj(i -> DeleteMessageBatchRequestEntry.builder()
                                    .id(String.valueOf(i))
                                    .receiptHandle(batch.get(i).receiptHandle())
                                    .build())
                            .toList();
                    int ok = sqs.deleteMessageBatch(r -> r.queueUrl(queue).entries(entries))
                            .successful()
                            .size();
                    deleted.addAndGet(ok);
                }
            }));
        }
        await(loops);
        pool.shutdown();
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private void fill(String queue, int n, String body) {
        int batches = (n + 9) / 10;
        parallel(batches, b -> {
            int size = Math.min(10, n - b * 10);
            List<SendMessageBatchRequestEntry> entries = IntStream.range(0, size)
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                            .id(String.valueOf(i))
                            .messageBody(body)
                            .build())
                    .toList();
            rig.sqs().sendMessageBatch(r -> r.queueUrl(queue).entries(entries));
        });
    }

    /** A request body as the review queue carries it, for the baseline's queue (its content does not matter there). */
    private static String sampleBody() {
        return BenchRequests.body(new TaskContext(
                "x".repeat(600),
                "arn:aws:states:us-east-1:123456789012:execution:invoice-processing:baseline",
                "arn:aws:states:us-east-1:123456789012:stateMachine:invoice-processing",
                "HumanReview",
                Instant.now()));
    }

    long queued(String queueUrl) {
        var attributes = rig.sqs()
                .getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    interface Step {
        void run(int i) throws Exception;
    }

    /** Runs {@code step} for 0..n-1 on four threads (filling queues is not what is measured). */
    static void parallel(int n, Step step) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            done.add(pool.submit(() -> {
                step.run(index);
                return null;
            }));
        }
        await(done);
        pool.shutdown();
    }

    private static void await(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }

    static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
