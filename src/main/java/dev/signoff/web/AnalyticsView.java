package dev.signoff.web;

import dev.signoff.admin.AnalyticsReport;
import dev.signoff.admin.AnalyticsWindow;
import dev.signoff.admin.TimeToDecision;
import dev.signoff.admin.WorkflowFigures;
import io.quarkus.qute.RawString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** The analytics page as people read it: shares in per cent with their counts, spans in words, and the charts. */
public record AnalyticsView(AnalyticsReport report) {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** A link to another window, keeping the workflow chosen. */
    public record WindowLink(String label, String url, boolean current) {}

    /** One bin of the time-to-decision distribution. */
    public record Bin(String label, long decisions) {}

    public List<WindowLink> windows() {
        List<WindowLink> links = new ArrayList<>();
        for (AnalyticsWindow w : AnalyticsWindow.values()) {
            links.add(new WindowLink(w.label(), url(w, report.workflow()), w == report.window()));
        }
        return links;
    }

    /** This window for one workflow alone. */
    public String link(WorkflowFigures row) {
        return url(report.window(), row.workflow());
    }

    private static String url(AnalyticsWindow window, String workflow) {
        return "/admin/analytics?window=" + window.param()
                + (workflow == null ? "" : "&workflow=" + URLEncoder.encode(workflow, StandardCharsets.UTF_8));
    }

    public String range() {
        return "From " + Formats.time(report.from()) + " to " + Formats.time(report.to());
    }

    /** To the second under an hour ("10 min 30 s"), else the two largest units; a dash when nothing was decided. */
    public String span(Duration d) {
        if (d == null) {
            return "—";
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return d.toMinutes() + " min" + (d.toSecondsPart() > 0 ? " " + d.toSecondsPart() + " s" : "");
        }
        return Durations.span(d);
    }

    public String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public boolean daily() {
        return !report.window().bucket().equals(Duration.ofHours(1));
    }

    public String bucketLabel(AnalyticsReport.Bucket bucket) {
        return (daily() ? DAY : HOUR).format(bucket.start());
    }

    /** The bucket in full, for the table: "2026-12-02 (UTC)" or "2026-12-02 14:00 UTC". */
    public String bucketName(AnalyticsReport.Bucket bucket) {
        return daily() ? bucket.start().toString().substring(0, 10) + " (UTC)" : Formats.time(bucket.start());
    }

    public List<Bin> bins() {
        return IntStream.range(0, TimeToDecision.LABELS.size())
                .mapToObj(i -> new Bin(
                        TimeToDecision.LABELS.get(i), report.timeToDecision().get(i)))
                .toList();
    }

    public RawString activityChart() {
        String per = daily() ? "day (UTC)" : "hour (UTC)";
        List<AnalyticsReport.Bucket> buckets = report.buckets();
        return new RawString(SvgChart.bars(
                "activity-chart",
                "Requests and decisions per " + per + ", " + who(),
                String.format(
                        Locale.ROOT,
                        "%s: %,d requests received and %,d decisions made, one pair of bars per %s. The table below"
                                + " has each %s's numbers.",
                        report.window().label(),
                        report.total().requests(),
                        report.total().decisions(),
                        per,
                        daily() ? "day" : "hour"),
                240,
                buckets.stream().map(this::bucketLabel).toList(),
                List.of(
                        new SvgChart.Series(
                                "Requests",
                                buckets.stream()
                                        .map(AnalyticsReport.Bucket::requests)
                                        .toList()),
                        new SvgChart.Series(
                                "Decisions",
                                buckets.stream()
                                        .map(AnalyticsReport.Bucket::decisions)
                                        .toList()))));
    }

    public RawString outcomeChart() {
        List<WorkflowFigures> rows = report.rows();
        return new RawString(SvgChart.stacked(
                "outcome-chart",
                "Decisions by outcome, " + who(),
                "Each bar is one workflow's decisions in the window, split into approve, reject and request changes;"
                        + " the table of figures above has the counts.",
                rows.stream().map(WorkflowFigures::workflow).toList(),
                List.of(
                        new SvgChart.Series(
                                "Approve",
                                rows.stream().map(WorkflowFigures::approved).toList()),
                        new SvgChart.Series(
                                "Reject",
                                rows.stream().map(WorkflowFigures::rejected).toList()),
                        new SvgChart.Series(
                                "Request changes",
                                rows.stream()
                                        .map(WorkflowFigures::changesRequested)
                                        .toList()))));
    }

    public RawString distributionChart() {
        return new RawString(SvgChart.bars(
                "distribution-chart",
                "Time to decision, " + who(),
                String.format(
                        Locale.ROOT,
                        "How many of the window's %,d decisions took how long from the request's arrival; the table"
                                + " below has each bin's count.",
                        report.total().decisions()),
                220,
                TimeToDecision.LABELS,
                List.of(new SvgChart.Series("Decisions", report.timeToDecision()))));
    }

    private String who() {
        return report.workflow() == null ? "all workflows" : report.workflow();
    }
}
