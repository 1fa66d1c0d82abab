package dev.signoff.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The spans the analytics page offers. Each is a whole number of buckets (hours or UTC days) ending with the current
 * one, so every bar of a chart covers the same kind of span and reads as a date: "last 7 days" is today (UTC) and the
 * six days before.
 */
public enum AnalyticsWindow {
    DAY("24h", "Last 24 hours", Duration.ofHours(1), 24),
    WEEK("7d", "Last 7 days", Duration.ofDays(1), 7),
    MONTH("30d", "Last 30 days", Duration.ofDays(1), 30),
    QUARTER("90d", "Last 90 days", Duration.ofDays(1), 90);

    public static final AnalyticsWindow DEFAULT = WEEK;

    private final String param;
    private final String label;
    private final Duration bucket;
    private final int buckets;

    AnalyticsWindow(String param, String label, Duration bucket, int buckets) {
        this.param = param;
        this.label = label;
        this.bucket = bucket;
        this.buckets = buckets;
    }

    public String param() {
        return param;
    }

    public String label() {
        return label;
    }

    /** One bar of the charts: an hour or a UTC day. */
    public Duration bucket() {
        return bucket;
    }

    public int buckets() {
        return buckets;
    }

    /** The window's first instant: the start of the bucket {@code buckets - 1} before the one holding {@code now}. */
    public Instant from(Instant now) {
        return bucketStart(now).minus(bucket.multipliedBy(buckets - 1L));
    }

    /** Which bucket an instant falls in, counted from the epoch: what the queries compute in SQL. */
    long bucketOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), bucket.toSeconds());
    }

    Instant bucketStart(Instant at) {
        return Instant.ofEpochSecond(bucketOf(at) * bucket.toSeconds());
    }

    public static Optional<AnalyticsWindow> of(String param) {
        if (param == null || param.isEmpty()) {
            return Optional.of(DEFAULT);
        }
        return Arrays.stream(values()).filter(w -> w.param.equals(param)).findFirst();
    }
}
