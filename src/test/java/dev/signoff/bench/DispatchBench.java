package dev.signoff.bench;

import dev.signoff.bench.Results.Goal;
import dev.signoff.sandbox.stepfunctions.CallLog;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 5: the Step Functions stand-in throttles SendTask* above {@code throttleRate} calls a second (a bucket of
 * one second's calls, answering ThrottlingException as AWS does) while {@code dispatchTasks} decisions go in through
 * the JSON API as fast as they are answered, faster than the throttle lets callbacks out, so a backlog builds. What
 * counts is the stand-in's call log: the sustained rate of SendTaskSuccess calls it applied (first to last, on its
 * own clock) against the throttle rate, every decided task's token applied once (none lost), and none sent again
 * after it landed (none doubled: a second send would get TaskTimedOut).
 */
final class DispatchBench {

    private static final String SCENARIO = "5 dispatch";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int DECISIONS_IN_FLIGHT = 8;
    private static final String[] SEND_TASK = {"SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"};

    private final BenchRig rig;
    private final BenchApp app;
    private final BenchSettings settings;
    private final Results results;

    DispatchBench(BenchRig rig, BenchApp app, BenchSettings settings, Results results) {
        this.rig = rig;
        this.app = app;
        this.settings = settings;
        this.results = results;
    }

    /** What the call log says about our tokens. */
    private static final class Tally {
        final Map<String, Instant> applied = new HashMap<>();
        int appliedTwice;
        int sentAfterLanding;
        int throttled;
        long missed;
    }

    void run() throws Exception {
        int n = settings.dispatchTasks();
        int rate = settings.throttleRate();
        Map<String, String> tokenHashById = pendingTasks(n);
        rig.standIn().throttle(rate, rate, SEND_TASK);
        long seen = rig.standIn().callsAfter(Long.MAX_VALUE).next();
        Tally tally = new Tally();
        try {
            long t0 = System.nanoTime();
            long refused = decideAll(tokenHashById.keySet());
            double decisionSeconds = (System.nanoTime() - t0) / 1e9;
            long patience = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + 3L * n / rate);
            while (tally.applied.size() < n && System.nanoTime() < patience) {
                seen = read(seen, tokenHashById, tally);
                BenchApp.pause(Duration.ofMillis(200));
            }
            // A last look: anything sent again after it landed shows up as TaskTimedOut a little later.
            BenchApp.pause(Duration.ofSeconds(2));
            read(seen, tokenHashById, tally);
            report(new ArrayList<>(tokenHashById.keySet()), rate, refused, decisionSeconds, tally);
        } finally {
            rig.standIn().clearFaults();
        }
    }

    private void report(List<String> decided, int rate, long refused, double decisionSeconds, Tally tally)
            throws Exception {
        int n = decided.size();
        List<Instant> times = tally.applied.values().stream().sorted().toList();
        double seconds = times.size() < 2
                ? Double.NaN
                : Duration.between(times.get(0), times.get(times.size() - 1)).toNanos() / 1e9;
        double delivered = (times.size() - 1) / seconds;
        results.info(SCENARIO, "stand-in throttle (SendTask*)", rate, "calls/s", "bucket of " + rate);
        results.info(
                SCENARIO,
                "decisions through the API",
                n / decisionSeconds,
                "decisions/s",
                n + " decisions, " + DECISIONS_IN_FLIGHT + " in flight, " + refused + " answers not 200");
        results.info(
                SCENARIO,
                "SendTaskSuccess applied, first to last",
                delivered,
                "calls/s",
                times.size() + " of " + n + " over " + String.format(java.util.Locale.ROOT, "%.1f s", seconds));
        results.measured(SCENARIO, "sustained delivery / throttle rate", delivered / rate, "x", Goal.AT_LEAST, 0.9);
        results.measured(SCENARIO, "lost (decided, never applied)", n - times.size(), "tasks", Goal.AT_MOST, 0);
        results.measured(
                SCENARIO,
                "doubled (applied twice, or sent again after it landed)",
                tally.appliedTwice + tally.sentAfterLanding,
                "calls",
                Goal.AT_MOST,
                0);
        results.info(
                SCENARIO,
                "answered ThrottlingException",
                tally.throttled,
                "calls",
                tally.missed == 0 ? "" : tally.missed + " calls not seen (call log overran)");
        try (Connection db = rig.connect()) {
            String ids = String.join("','", decided);
            results.info(
                    SCENARIO,
                    "decided tasks DELIVERED in the database",
                    IntakeBench.count(
                            db,
                            "select count(*) from review_task where status = 'DELIVERED' and id in ('" + ids + "')"),
                    "tasks",
                    "of " + n);
        }
    }

    /** Reads the calls after {@code seen}; returns where the next read starts. */
    private long read(long seen, Map<String, String> tokenHashById, Tally tally) {
        CallLog.Page page = rig.standIn().callsAfter(seen);
        tally.missed += page.missed();
        java.util.Set<String> ours = new java.util.HashSet<>(tokenHashById.values());
        for (CallRecord call : page.calls()) {
            String hash = call.request().get("taskTokenSha256");
            if (!ours.contains(hash)) {
                continue;
            }
            if ("ThrottlingException".equals(call.outcome())) {
                tally.throttled++;
            } else if ("SendTaskSuccess".equals(call.operation()) && call.applied()) {
                if (tally.applied.putIfAbsent(hash, call.at()) != null) {
                    tally.appliedTwice++;
                }
            } else if ("TaskTimedOut".equals(call.outcome()) && tally.applied.containsKey(hash)) {
                tally.sentAfterLanding++;
            }
        }
        return page.next();
    }

    /** Approves every task through the API, {@value #DECISIONS_IN_FLIGHT} at a time; returns the answers not 200. */
    private long decideAll(Iterable<String> ids) {
        Semaphore inFlight = new Semaphore(DECISIONS_IN_FLIGHT);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (String id : ids) {
            inFlight.acquireUninterruptibly();
            HttpRequest decide = HttpRequest.newBuilder(app.uri("/api/tasks/" + id + "/decision"))
                    .header("Authorization", BenchApp.authorization())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"decision\":\"approve\",\"comment\":\"bench-dispatch\"}"))
                    .build();
            answers.add(HTTP.sendAsync(decide, HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode)
                    .whenComplete((status, failure) -> inFlight.release()));
        }
        return answers.stream()
                .map(a -> a.exceptionally(failure -> -1).join())
                .filter(status -> status != 200)
                .count();
    }

    private Map<String, String> pendingTasks(int count) throws Exception {
        Map<String, String> byId = new LinkedHashMap<>();
        try (Connection db = rig.connect();
                Statement s = db.createStatement();
                ResultSet r = s.executeQuery("select id, token_hash from review_task where status = 'PENDING'"
                        + " order by received_at desc limit " + count)) {
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
