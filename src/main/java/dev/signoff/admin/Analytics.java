package dev.signoff.admin;

import dev.signoff.contract.ReviewRequest.Outcome;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-workflow figures over a window for the analytics page: requests, decisions by outcome, time to decision,
 * override, expiry and cancel rates. The database aggregates (six grouped queries, each an index range read of the
 * window, {@link AnalyticsSql}); this only adds the groups up and picks the chosen workflow.
 */
@ApplicationScoped
public class Analytics {

    static final String UNKNOWN_WORKFLOW = "(unknown)";

    private final Clock clock;

    Analytics(Clock clock) {
        this.clock = clock;
    }

    /** The window ending now (the injected clock); {@code workflow} null for all workflows. */
    @Transactional
    public AnalyticsReport report(AnalyticsWindow window, String workflow) {
        Instant to = clock.instant();
        Instant from = window.from(to);
        Map<String, Tally> tallies = new TreeMap<>();
        Map<Long, long[]> perBucket = new TreeMap<>();
        for (Object[] r : rows(AnalyticsSql.requests(window), from, to)) {
            long n = count(r[2]);
            tally(tallies, r[0]).requests += n;
            if (chosen(workflow, r[0])) {
                perBucket.computeIfAbsent(count(r[1]), b -> new long[2])[0] += n;
            }
        }
        for (Object[] r : rows(AnalyticsSql.decisions(window), from, to)) {
            long n = count(r[4]);
            tally(tallies, r[0]).decided(Rows.text(r[2]), Boolean.TRUE.equals(r[3]), n);
            if (chosen(workflow, r[0])) {
                perBucket.computeIfAbsent(count(r[1]), b -> new long[2])[1] += n;
            }
        }
        for (Object[] r : rows(AnalyticsSql.DURATIONS, from, to)) {
            Tally t = tally(tallies, r[0]);
            t.median = seconds(r[1]);
            t.p95 = seconds(r[2]);
        }
        long[] distribution = new long[TimeToDecision.LABELS.size()];
        for (Object[] r : rows(AnalyticsSql.DISTRIBUTION, from, to)) {
            tally(tallies, r[0]);
            if (chosen(workflow, r[0])) {
                distribution[(int) count(r[1])] += count(r[2]);
            }
        }
        for (Object[] r : rows(AnalyticsSql.CLOSED, from, to)) {
            Tally t = tally(tallies, r[0]);
            t.closed += count(r[1]);
            t.cancelled += count(r[2]);
            t.expired += count(r[3]);
        }
        List<WorkflowFigures> shown = tallies.entrySet().stream()
                .filter(e -> workflow == null || e.getKey().equals(workflow))
                .map(e -> e.getValue().figures(e.getKey()))
                .sorted(Comparator.comparingLong(WorkflowFigures::requests).reversed())
                .toList();
        return new AnalyticsReport(
                window,
                from,
                to,
                workflow,
                List.copyOf(new TreeSet<>(tallies.keySet())),
                shown,
                total(shown, workflow, from, to),
                buckets(window, from, to, perBucket),
                Arrays.stream(distribution).boxed().toList());
    }

    private WorkflowFigures total(List<WorkflowFigures> rows, String workflow, Instant from, Instant to) {
        Tally sum = new Tally();
        for (WorkflowFigures f : rows) {
            sum.add(f);
        }
        if (workflow != null) {
            sum.median = rows.isEmpty() ? null : rows.get(0).medianToDecision();
            sum.p95 = rows.isEmpty() ? null : rows.get(0).p95ToDecision();
        } else {
            Object[] all = rows(AnalyticsSql.DURATIONS_ALL, from, to).get(0);
            sum.median = seconds(all[0]);
            sum.p95 = seconds(all[1]);
        }
        return sum.figures(workflow == null ? "All workflows" : workflow);
    }

    /** One per bucket of the window, oldest first, empty ones included: a gap in the chart is a quiet hour or day. */
    private static List<AnalyticsReport.Bucket> buckets(
            AnalyticsWindow window, Instant from, Instant to, Map<Long, long[]> counts) {
        List<AnalyticsReport.Bucket> buckets = new ArrayList<>();
        for (long b = window.bucketOf(from); b <= window.bucketOf(to); b++) {
            long[] n = counts.getOrDefault(b, new long[2]);
            buckets.add(new AnalyticsReport.Bucket(
                    Instant.ofEpochSecond(b * window.bucket().toSeconds()), n[0], n[1]));
        }
        return buckets;
    }

    private static boolean chosen(String workflow, Object name) {
        return workflow == null || workflow.equals(name(name));
    }

    private static Tally tally(Map<String, Tally> tallies, Object name) {
        return tallies.computeIfAbsent(name(name), n -> new Tally());
    }

    private static String name(Object workflow) {
        String name = Rows.text(workflow);
        return name == null || name.isEmpty() ? UNKNOWN_WORKFLOW : name;
    }

    private static List<Object[]> rows(String sql, Instant from, Instant to) {
        List<Object[]> rows = new ArrayList<>();
        for (Object row : Panache.getEntityManager()
                .createNativeQuery(sql)
                .setParameter(1, from)
                .setParameter(2, to)
                .getResultList()) {
            rows.add(row instanceof Object[] columns ? columns : new Object[] {row});
        }
        return rows;
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Seconds (with a fraction) as a Duration to the millisecond; null when there were no decisions. */
    private static Duration seconds(Object value) {
        return value == null ? null : Duration.ofMillis(Math.round(((Number) value).doubleValue() * 1000));
    }

    /** One workflow's counts while the query results are added up. */
    private static final class Tally {
        long requests;
        long approved;
        long rejected;
        long changes;
        long edited;
        long closed;
        long expired;
        long cancelled;
        Duration median;
        Duration p95;

        void decided(String outcome, boolean edit, long n) {
            switch (Outcome.valueOf(outcome)) {
                case APPROVE -> {
                    approved += n;
                    edited += edit ? n : 0;
                }
                case REJECT -> rejected += n;
                case REQUEST_CHANGES -> changes += n;
            }
        }

        void add(WorkflowFigures f) {
            requests += f.requests();
            approved += f.approved();
            rejected += f.rejected();
            changes += f.changesRequested();
            edited += f.edited();
            closed += f.closed();
            expired += f.expired();
            cancelled += f.cancelled();
        }

        WorkflowFigures figures(String workflow) {
            return new WorkflowFigures(
                    workflow, requests, approved, rejected, changes, edited, median, p95, closed, expired, cancelled);
        }
    }
}
