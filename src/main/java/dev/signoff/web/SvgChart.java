package dev.signoff.web;

import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn on the server: no script and no chart library. Each chart is an image named by its
 * {@code <title>} and described by its {@code <desc>}; the page shows the same numbers in a table beside it, since a
 * screen reader reads the image as its title alone. Colours come from CSS classes ({@code .series-0} ...) in
 * signoff.css ({@code .on-series-0} ... for text on them), so the charts follow the light and dark themes and the
 * page's CSP (no inline style). Every label is
 * escaped: workflow names come from requests.
 */
final class SvgChart {

    /** One series of values, one per label; its place in the list picks its colour class. */
    record Series(String name, List<Long> values) {}

    static final int WIDTH = 720;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;
    private static final int MAX_X_LABELS = 12;

    private SvgChart() {}

    /** Vertical bars, the series side by side in each group, on a y axis from 0 to a round maximum. */
    static String bars(String id, String title, String desc, int height, List<String> labels, List<Series> series) {
        long max = series.stream()
                .flatMap(s -> s.values().stream())
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
        StringBuilder svg = open(id, title, desc, height);
        if (max == 0 || labels.isEmpty()) {
            return noData(svg, height);
        }
        long top = roundUp(max);
        int plotHeight = height - TOP - BOTTOM;
        double group = (double) (WIDTH - LEFT - RIGHT) / labels.size();
        double bar = Math.max(1, group * 0.8 / series.size());
        // A middle gridline only where it falls on a whole number.
        for (long tick : top % 2 == 0 ? List.of(0L, top / 2, top) : List.of(0L, top)) {
            double y = TOP + plotHeight - (double) tick * plotHeight / top;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "grid"))
                    .append(text(LEFT - 6, y + 4, "end", "axis", String.format(Locale.ROOT, "%,d", tick)));
        }
        int every = (labels.size() + MAX_X_LABELS - 1) / MAX_X_LABELS;
        for (int i = 0; i < labels.size(); i++) {
            double x = LEFT + i * group + group * 0.1;
            for (int s = 0; s < series.size(); s++) {
                long value = series.get(s).values().get(i);
                double h = (double) value * plotHeight / top;
                svg.append(rect(
                        x + s * bar,
                        TOP + plotHeight - h,
                        bar,
                        h,
                        "series-" + s,
                        series.get(s).name() + ", " + labels.get(i) + ": " + value));
            }
            if (i % every == 0) {
                svg.append(text(LEFT + i * group + group / 2, height - BOTTOM + 16, "middle", "axis", labels.get(i)));
            }
        }
        return legend(svg, series).append("</svg>").toString();
    }

    /** One horizontal bar per row, 100% wide, split by each series' share of the row's total. */
    static String stacked(String id, String title, String desc, List<String> rows, List<Series> series) {
        int rowHeight = 30;
        int labelWidth = 180;
        int height = TOP + Math.max(1, rows.size()) * rowHeight + 8;
        StringBuilder svg = open(id, title, desc, height);
        boolean any = false;
        for (int r = 0; r < rows.size(); r++) {
            long total = 0;
            for (Series s : series) {
                total += s.values().get(r);
            }
            double y = TOP + r * rowHeight;
            svg.append(text(labelWidth - 8, y + 17, "end", "axis", shorten(rows.get(r))));
            if (total == 0) {
                svg.append(text(labelWidth, y + 17, "start", "axis", "no decisions"));
                continue;
            }
            any = true;
            double x = labelWidth;
            for (int s = 0; s < series.size(); s++) {
                long value = series.get(s).values().get(r);
                double w = (double) value * (WIDTH - RIGHT - labelWidth) / total;
                svg.append(rect(
                        x,
                        y + 4,
                        w,
                        rowHeight - 8,
                        "series-" + s,
                        rows.get(r) + ", " + series.get(s).name() + ": " + value + " of " + total));
                if (w >= 40) {
                    String percent = Math.round(100.0 * value / total) + "%";
                    svg.append(text(x + w / 2, y + 19, "middle", "on-series-" + s, percent));
                }
                x += w;
            }
        }
        if (!any) {
            return noData(open(id, title, desc, TOP + 48), TOP + 48);
        }
        return legend(svg, series).append("</svg>").toString();
    }

    /** The first round number at least {@code max} (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten). */
    static long roundUp(long max) {
        for (long power = 1; ; power *= 10) {
            for (long tenths : new long[] {10, 12, 15, 20, 25, 30, 40, 50, 60, 80}) {
                if (tenths * power % 10 == 0 && tenths * power / 10 >= max) {
                    return tenths * power / 10;
                }
            }
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static StringBuilder open(String id, String title, String desc, int height) {
        return new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"")
                .append(escape(id))
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(escape(id))
                .append("-title ")
                .append(escape(id))
                .append("-desc\"><title id=\"")
                .append(escape(id))
                .append("-title\">")
                .append(escape(title))
                .append("</title><desc id=\"")
                .append(escape(id))
                .append("-desc\">")
                .append(escape(desc))
                .append("</desc>");
    }

    /** An empty window says so: never an empty frame that could pass for zero on a broken page. */
    private static String noData(StringBuilder svg, int height) {
        return svg.append(text(WIDTH / 2.0, height / 2.0, "middle", "no-data", "No data in this window"))
                .append("</svg>")
                .toString();
    }

    private static StringBuilder legend(StringBuilder svg, List<Series> series) {
        double x = LEFT;
        for (int s = 0; s < series.size(); s++) {
            svg.append(rect(x, 6, 12, 12, "series-" + s, null))
                    .append(text(x + 16, 16, "start", "legend", series.get(s).name()));
            x += 24 + 8 * series.get(s).name().length();
        }
        return svg;
    }

    private static String rect(double x, double y, double w, double h, String css, String tooltip) {
        String shape = String.format(
                Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"",
                css,
                x,
                y,
                w,
                h);
        return tooltip == null ? shape + "/>" : shape + "><title>" + escape(tooltip) + "</title></rect>";
    }

    private static String line(double x1, double y1, double x2, double y2, String css) {
        return String.format(
                Locale.ROOT,
                "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                css,
                x1,
                y1,
                x2,
                y2);
    }

    private static String text(double x, double y, String anchor, String css, String value) {
        return String.format(
                        Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", css, x, y, anchor)
                + escape(value)
                + "</text>";
    }

    private static String shorten(String label) {
        return label.length() <= 24 ? label : label.substring(0, 23) + "…";
    }
}
