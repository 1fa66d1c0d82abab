package dev.signoff.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * An open load model: requests go out at a fixed arrival rate whatever the answers do, and each latency is measured
 * from the time the request was scheduled to be sent, so a slow answer that delays later sends counts against them
 * too (no coordinated omission).
 */
final class OpenLoad {

    record Outcome(Histogram latencies, int sent, int failed) {

        double p50Ms() {
            return latencies.getValueAtPercentile(50) / 1000.0;
        }

        double p95Ms() {
            return latencies.getValueAtPercentile(95) / 1000.0;
        }

        double p99Ms() {
            return latencies.getValueAtPercentile(99) / 1000.0;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private OpenLoad() {}

    /** GETs {@code uris} round robin at {@code perSecond} for {@code duration}; an answer other than 200 is a failure. */
    static Outcome run(List<URI> uris, int perSecond, Duration duration) {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicInteger failed = new AtomicInteger();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        int total = (int) (duration.toNanos() / intervalNanos);
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long t0 = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = t0 + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                BenchApp.pause(Duration.ofNanos(wait));
            }
            HttpRequest request = HttpRequest.newBuilder(uris.get(i % uris.size()))
                    .header("Authorization", BenchApp.authorization())
                    .timeout(Duration.ofSeconds(30))
                    .build();
            inFlight.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .handle((response, error) -> {
                        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - scheduled);
                        synchronized (histogram) {
                            histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
                        }
                        if (error != null || response.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        return new Outcome(histogram, total, failed.get());
    }
}
