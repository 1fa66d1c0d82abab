package dev.signoff.bench;

import dev.signoff.bench.Results.Goal;
import dev.signoff.sandbox.stepfunctions.CallRecord;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Scenario 4: decisions through the JSON API at a fixed rate, each timed from its scheduled send to the moment the
 * Step Functions stand-in recorded its SendTaskSuccess, on the stand-in's own clock (it runs in this JVM on the
 * system clock, so both ends read one clock): no polling between them.
 */
final class DecisionBench {

    private static final String SCENARIO = "4 decision";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int WARM_UP = 20;

    private final BenchRig rig;
    private final BenchApp app;
    private final BenchSettings settings;
    private final Results results;

    DecisionBench(BenchRig rig, BenchApp app, BenchSettings settings, Results results) {
        this.rig = rig;
        this.app = app;
        this.settings = settings;
        this.results = results;
    }

    void run() throws Exception {
        int total = settings.decisionRate() * settings.decisionSeconds();
        Map<String, String> tokenHashById = pendingTasks(total + WARM_UP);
        List<String> ids = new ArrayList<>(tokenHashById.keySet());
        // As the reads do: the first decisions compile the path (JIT, first queries), which is not its cost.
        for (String id : ids.subList(0, WARM_UP)) {
            HTTP.send(decision(id), HttpResponse.BodyHandlers.discarding());
        }
        ids = ids.subList(WARM_UP, ids.size());
        Map<String, Instant> scheduledByHash = new HashMap<>();
        Histogram answered = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / settings.decisionRate();
        Instant wallStart = Instant.now();
        long t0 = System.nanoTime();
        for (int i = 0; i < ids.size(); i++) {
            long scheduled = t0 + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                BenchApp.pause(Duration.ofNanos(wait));
            }
            String id = ids.get(i);
            scheduledByHash.put(tokenHashById.get(id), wallStart.plusNanos(scheduled - t0));
            calls.add(HTTP.sendAsync(decision(id), HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> {
                        synchronized (answered) {
                            answered.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - scheduled));
                        }
                        return response.statusCode();
                    }));
        }
        long refused = calls.stream()
                .map(CompletableFuture::join)
                .filter(s -> s != 200)
                .count();
        Histogram delivered = awaitCallbacks(scheduledByHash);
        results.measured(
                SCENARIO,
                "decision to SendTaskSuccess recorded, p95",
                delivered.getValueAtPercentile(95) / 1000.0,
                "ms",
                Goal.AT_MOST,
                50);
        results.info(
                SCENARIO,
                "decision to SendTaskSuccess recorded, p50",
                delivered.getValueAtPercentile(50) / 1000.0,
                "ms",
                delivered.getTotalCount() + " of " + ids.size() + " seen at " + settings.decisionRate() + "/s");
        results.info(
                SCENARIO,
                "decision API answer, p95",
                answered.getValueAtPercentile(95) / 1000.0,
                "ms",
                refused + " answers not 200; p50 " + answered.getValueAtPercentile(50) / 1000.0 + " ms; after "
                        + WARM_UP + " decisions to warm up");
    }

    private HttpRequest decision(String id) {
        return HttpRequest.newBuilder(app.uri("/api/tasks/" + id + "/decision"))
                .header("Authorization", BenchApp.authorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"approve\",\"comment\":\"bench\"}"))
                .build();
    }

    /** Waits (up to 60 s) for a SendTaskSuccess of each token; the histogram holds those that came. */
    private Histogram awaitCallbacks(Map<String, Instant> scheduledByHash) {
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        Map<String, Instant> seen = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (seen.size() < scheduledByHash.size() && System.nanoTime() < deadline) {
            for (CallRecord call : rig.standIn().calls()) {
                String hash = call.request().get("taskTokenSha256");
                if ("SendTaskSuccess".equals(call.operation()) && call.applied() && scheduledByHash.containsKey(hash)) {
                    seen.putIfAbsent(hash, call.at());
                }
            }
            BenchApp.pause(Duration.ofMillis(200));
        }
        seen.forEach((hash, at) -> latencies.recordValue(Math.max(
                0,
                TimeUnit.NANOSECONDS.toMicros(
                        Duration.between(scheduledByHash.get(hash), at).toNanos()))));
        return latencies;
    }

    private Map<String, String> pendingTasks(int count) throws Exception {
        Map<String, String> byId = new java.util.LinkedHashMap<>();
        try (Connection db = rig.connect();
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery("select id, token_hash from review_task where status = 'PENDING'"
                        + " order by received_at limit " + count)) {
            while (r.next()) {
                byId.put(r.getString(1), r.getString(2));
            }
        }
        if (byId.size() < count) {
            throw new IllegalStateException(
                    "Only " + byId.size() + " pending tasks to decide; the intake run leaves them");
        }
        return byId;
    }
}
