package dev.signoff.bench;

import dev.signoff.bench.Results.Goal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenarios 2 and 3: the inbox at a small and a large number of pending tasks (with closed history besides), read
 * in an open load; first right after the data went in (never analysed), then after ANALYZE; and the task page.
 */
final class ReadBench {

    private static final String INBOX = "2 inbox";
    private static final String TASK = "3 task page";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BenchRig rig;
    private final BenchApp app;
    private final BenchSettings settings;
    private final Results results;

    ReadBench(BenchRig rig, BenchApp app, BenchSettings settings, Results results) {
        this.rig = rig;
        this.app = app;
        this.settings = settings;
        this.results = results;
    }

    void run() throws Exception {
        try (Connection db = rig.connect()) {
            BenchData data = new BenchData(db);
            data.resetKeepingTemplate();
            data.autovacuum(false);
            int small = settings.inboxSmall();
            int large = settings.inboxLarge();
            int smallHistory = settings.closedHistory() / 100;
            long t0 = System.nanoTime();
            data.addPending(0, small);
            data.addClosed(small, smallHistory);
            System.out.printf(
                    "bench: %d pending + %d closed in %d ms%n", small, smallHistory, IntakeBench.millisSince(t0));
            Map<String, Double> p95Small = phase(db, data, "%,d pending".formatted(small), small, true);

            t0 = System.nanoTime();
            data.addPending(small + smallHistory, large - small);
            data.addClosed(large + smallHistory, settings.closedHistory() - smallHistory);
            System.out.printf(
                    "bench: now %d pending + %d closed, in %d ms%n",
                    large, settings.closedHistory(), IntakeBench.millisSince(t0));
            Map<String, Double> p95Large = phase(db, data, "%,d pending".formatted(large), large, false);
            for (String figure : p95Small.keySet()) {
                results.measured(
                        INBOX,
                        figure + ": p95 at " + large + " / p95 at " + small,
                        p95Large.get(figure) / p95Small.get(figure),
                        "x",
                        Goal.AT_MOST,
                        1.5);
            }
            data.autovacuum(true);
        }
    }

    /** Fresh figures (before ANALYZE), then each inbox read, then (on the first phase) the task page. */
    private Map<String, Double> phase(Connection db, BenchData data, String label, int pending, boolean taskPage)
            throws Exception {
        Duration length = Duration.ofSeconds(settings.readSeconds());
        warm(List.of(app.uri("/inbox"), app.uri("/api/tasks")));
        read(label + ", never analysed: /inbox first page", List.of(app.uri("/inbox")), length);
        read(label + ", never analysed: /api/tasks", List.of(app.uri("/api/tasks")), length);
        data.analyze();
        Map<String, Double> p95 = new java.util.LinkedHashMap<>();
        String deep = deepCursor(pending);
        Map<String, URI> reads = new java.util.LinkedHashMap<>();
        reads.put("/inbox first page", app.uri("/inbox"));
        reads.put("/inbox deep page", app.uri("/inbox?after=" + deep));
        reads.put("/inbox filtered (severity high)", app.uri("/inbox?severity=high"));
        reads.put("/inbox search", app.uri("/inbox?q=batch7"));
        reads.put("/api/tasks first page", app.uri("/api/tasks"));
        for (var read : reads.entrySet()) {
            warm(List.of(read.getValue()));
            p95.put(read.getKey(), read(label + ": " + read.getKey(), List.of(read.getValue()), length));
        }
        if (taskPage) {
            List<URI> pages = new ArrayList<>();
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("select id from review_task where status = 'PENDING' limit 20")) {
                while (r.next()) {
                    pages.add(app.uri("/tasks/" + r.getString(1)));
                }
            }
            warm(pages);
            OpenLoad.Outcome outcome = OpenLoad.run(pages, settings.readRate(), length);
            results.measured(TASK, "task page (5 findings, 5 artifacts) p95", outcome.p95Ms(), "ms", Goal.AT_MOST, 30);
            results.info(TASK, "task page p50", outcome.p50Ms(), "ms", failures(outcome));
        }
        return p95;
    }

    private double read(String figure, List<URI> uris, Duration length) {
        OpenLoad.Outcome outcome = OpenLoad.run(uris, settings.readRate(), length);
        results.measured(INBOX, figure + " p95", outcome.p95Ms(), "ms", Goal.AT_MOST, 50);
        results.info(INBOX, figure + " p50", outcome.p50Ms(), "ms", failures(outcome));
        return outcome.p95Ms();
    }

    private static String failures(OpenLoad.Outcome outcome) {
        return outcome.sent() + " requests at a fixed rate, " + outcome.failed() + " not 200";
    }

    /** A few requests first, outside the figures: the first call of a query plan or template is not its cost. */
    private void warm(List<URI> uris) {
        OpenLoad.run(uris, settings.readRate(), Duration.ofSeconds(1));
    }

    /** The cursor about 40% down the list (by the API's pages of 500, or of 50 for a small list). */
    private String deepCursor(int pending) throws Exception {
        int size = pending >= 5_000 ? 500 : 50;
        int pages = Math.max(1, (int) (pending * 0.4 / size));
        String cursor = null;
        for (int i = 0; i < pages; i++) {
            String query = "/api/tasks?size=" + size + (cursor == null ? "" : "&after=" + cursor);
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(app.uri(query))
                            .header("Authorization", BenchApp.authorization())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            String next = response.headers().firstValue("Signoff-Next-Cursor").orElse(null);
            if (next == null) {
                break;
            }
            cursor = next;
        }
        if (cursor == null) {
            throw new IllegalStateException("The inbox has no second page");
        }
        return java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8);
    }
}
