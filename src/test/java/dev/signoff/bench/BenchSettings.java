package dev.signoff.bench;

import java.util.List;

/**
 * Sizes and rates of one benchmark run. {@link #quickRun()} keeps CI's run under a minute or two and checks only
 * that the harness works; {@link #fullRun()} is what issue 13's goals are measured with. Each value can be overridden
 * with a system property {@code -Dbench.<name>=...} (bench/README.md lists them).
 */
record BenchSettings(
        boolean quick,
        String database,
        String dbHost,
        String dbUser,
        boolean keepDatabase,
        int pollers,
        int intakeMessages,
        int baselineRuns,
        int inboxSmall,
        int inboxLarge,
        int closedHistory,
        int readRate,
        int readSeconds,
        int decisionRate,
        int decisionSeconds,
        int throttleRate,
        int dispatchTasks,
        List<String> jvmOptions) {

    /**
     * Scenarios run unless {@code -Dbench.only=<name>,...} picks some: startup, intake, reads, decisions, dispatch.
     */
    boolean runs(String scenario) {
        String only = System.getProperty("bench.only", "");
        return only.isBlank() || List.of(only.split(",")).contains(scenario);
    }

    /** The app's heap and GC: a fixed bound here, on a shared box (docs/performance.md). */
    static final List<String> APP_JVM = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");

    /** {@link #APP_JVM}, plus a JFR recording of the app's run when {@code -Dbench.jfr=true} (target/bench/*.jfr). */
    private static List<String> appJvm() {
        List<String> options = new java.util.ArrayList<>(APP_JVM);
        // Extra options for an experiment, split on spaces: -Dbench.jvm="-XX:TieredStopAtLevel=1"
        String extra = System.getProperty("bench.jvm", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        if (Boolean.getBoolean("bench.jfr")) {
            // Absolute: the app runs in its own directory (BenchApp).
            options.add("-XX:StartFlightRecording=settings=profile,filename="
                    + java.nio.file.Path.of("target", "bench").toAbsolutePath() + "/");
        }
        return List.copyOf(options);
    }

    static BenchSettings quickRun() {
        return new BenchSettings(
                true,
                prop("database", "signoff_bench"),
                prop("dbHost", "127.0.0.1:5432"),
                prop("dbUser", "postgres"),
                false,
                num("pollers", 2),
                num("intakeMessages", 500),
                num("baselineRuns", 1),
                num("inboxSmall", 100),
                num("inboxLarge", 1_000),
                num("closedHistory", 1_000),
                num("readRate", 20),
                num("readSeconds", 2),
                num("decisionRate", 10),
                num("decisionSeconds", 2),
                num("throttleRate", 50),
                num("dispatchTasks", 150),
                appJvm());
    }

    static BenchSettings fullRun() {
        return new BenchSettings(
                false,
                prop("database", "signoff_bench"),
                prop("dbHost", "127.0.0.1:5432"),
                prop("dbUser", "postgres"),
                Boolean.getBoolean("bench.keepDatabase"),
                num("pollers", 2),
                num("intakeMessages", 20_000),
                num("baselineRuns", 3),
                num("inboxSmall", 1_000),
                num("inboxLarge", 100_000),
                num("closedHistory", 1_000_000),
                num("readRate", 20),
                num("readSeconds", 15),
                num("decisionRate", 20),
                num("decisionSeconds", 15),
                num("throttleRate", 100),
                num("dispatchTasks", 3_000),
                appJvm());
    }

    private static String prop(String name, String fallback) {
        return System.getProperty("bench." + name, fallback);
    }

    private static int num(String name, int fallback) {
        return Integer.parseInt(prop(name, String.valueOf(fallback)));
    }
}
