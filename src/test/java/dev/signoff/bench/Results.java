package dev.signoff.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run, each with its goal and the ratio to it, written as JSON and as a markdown table. */
final class Results {

    /** How a figure compares with its goal: at least (throughput, ratios) or at most (latency, memory). */
    enum Goal {
        AT_LEAST(">="),
        AT_MOST("<="),
        NONE("");

        final String sign;

        Goal(String sign) {
            this.sign = sign;
        }
    }

    record Figure(String scenario, String name, double value, String unit, Goal goal, double target, String note) {

        /** value / target: for an at-least goal >= 1 meets it; for an at-most goal <= 1 does. */
        Double ratio() {
            return goal == Goal.NONE || target == 0 ? null : value / target;
        }

        Boolean met() {
            return switch (goal) {
                case AT_LEAST -> value >= target;
                case AT_MOST -> value <= target;
                case NONE -> null;
            };
        }
    }

    private final Instant startedAt = Instant.now();
    private final boolean quick;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();

    Results(BenchSettings run) {
        quick = run.quick();
        settings.put("mode", run.quick() ? "quick" : "full");
        settings.put("pollers", run.pollers());
        settings.put("intakeMessages", run.intakeMessages());
        settings.put("baselineRuns", run.baselineRuns());
        settings.put("inboxSmall", run.inboxSmall());
        settings.put("inboxLarge", run.inboxLarge());
        settings.put("closedHistory", run.closedHistory());
        settings.put("readRatePerSecond", run.readRate());
        settings.put("readSeconds", run.readSeconds());
        settings.put("decisionRatePerSecond", run.decisionRate());
        settings.put("throttleRatePerSecond", run.throttleRate());
        settings.put("dispatchTasks", run.dispatchTasks());
        settings.put("appJvm", String.join(" ", run.jvmOptions()));
    }

    void setting(String name, Object value) {
        settings.put(name, value);
    }

    void add(Figure figure) {
        figures.add(figure);
        System.out.println("bench: " + row(figure));
    }

    void measured(String scenario, String name, double value, String unit, Goal goal, double target) {
        add(new Figure(scenario, name, value, unit, goal, target, ""));
    }

    void info(String scenario, String name, double value, String unit, String note) {
        add(new Figure(scenario, name, value, unit, Goal.NONE, 0, note));
    }

    /** Writes {@code <dir>/<timestamp>.json} and {@code .md}; returns the JSON file. */
    Path write(Path dir) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(startedAt);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("startedAt", startedAt.toString());
        doc.put("finishedAt", Instant.now().toString());
        doc.put("machine", machine());
        doc.put("settings", settings);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", f.scenario());
            row.put("figure", f.name());
            row.put("value", round(f.value()));
            row.put("unit", f.unit());
            row.put("goal", f.goal() == Goal.NONE ? null : f.goal().sign + " " + round(f.target()));
            row.put("ratio", f.ratio() == null ? null : round(f.ratio()));
            row.put("met", f.met());
            row.put("note", f.note());
            rows.add(row);
        }
        doc.put("figures", rows);
        try {
            Files.createDirectories(dir);
            // Quick runs (CI's) only show the harness works: named apart, and left out of git
            // (bench/results/.gitignore).
            String name = stamp + (quick ? "-quick" : "");
            Path json = dir.resolve(name + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
            Files.writeString(dir.resolve(name + ".md"), markdown());
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Signoff benchmark, ").append(startedAt).append("\n\n");
        machine()
                .forEach((k, v) ->
                        md.append("- ").append(k).append(": ").append(v).append('\n'));
        settings.forEach(
                (k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n| scenario | figure | value | goal | ratio | met | note |\n|---|---|---|---|---|---|---|\n");
        figures.forEach(f -> md.append(row(f)).append('\n'));
        return md.toString();
    }

    private static String row(Figure f) {
        String goal = f.goal() == Goal.NONE ? "" : f.goal().sign + " " + fmt(f.target()) + " " + f.unit();
        String ratio = f.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", f.ratio());
        String met = f.met() == null ? "" : f.met() ? "yes" : "no";
        return "| %s | %s | %s %s | %s | %s | %s | %s |"
                .formatted(f.scenario(), f.name(), fmt(f.value()), f.unit(), goal, ratio, met, f.note());
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryMiB", memoryMib());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put(
                "driverJvmArgs",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return m;
    }

    private static long memoryMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12
                ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%,.2f", v);
    }
}
