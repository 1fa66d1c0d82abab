package dev.signoff.bench;

import dev.signoff.bench.Results.Goal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's entry point (bench/run.sh): sets up PostgreSQL, ElasticMQ and the Step Functions stand-in, runs
 * the packaged app against them scenario by scenario and writes {@code bench/results/<timestamp>.json} and
 * {@code .md}. Not a test: nothing here asserts a goal, it reports each figure with its goal and the ratio.
 */
public final class SignoffBench {

    private static final String STARTUP = "6 start-up";
    private static final String FLOOR = "floor (bare Quarkus REST app, bench/floor)";
    private static final Duration START_PATIENCE = Duration.ofSeconds(120);

    private SignoffBench() {}

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        BenchSettings settings = options.contains("--quick") ? BenchSettings.quickRun() : BenchSettings.fullRun();
        Path out = Path.of(System.getProperty("bench.out", "bench/results"));
        Results results = new Results(settings);
        long t0 = System.nanoTime();
        try (BenchRig rig = new BenchRig(settings)) {
            if (settings.runs("startup")) {
                startup(rig, results);
            }
            IntakeBench intake = new IntakeBench(rig, settings, results);
            double r0 = 0;
            if (settings.runs("intake")) {
                r0 = intake.baseline();
                intake.fillReviewQueue(settings.intakeMessages());
            } else if (tasksNeeded(settings) > 0) {
                intake.fillReviewQueue(tasksNeeded(settings));
            }
            try (BenchApp app = rig.launch("app")) {
                app.awaitFirstInbox(START_PATIENCE);
                if (settings.runs("intake")) {
                    intake.measureDrain(app, r0);
                } else {
                    intake.awaitStored();
                }
                // Decisions need the intake's tasks (real tokens of the stand-in); the reads replace every task.
                if (settings.runs("decisions")) {
                    new DecisionBench(rig, app, settings, results).run();
                }
                if (settings.runs("dispatch")) {
                    new DispatchBench(rig, app, settings, results).run();
                }
                if (settings.runs("reads")) {
                    new ReadBench(rig, app, settings, results).run();
                }
                results.measured(STARTUP, "RSS after the load", app.rssMib(), "MiB", Goal.AT_MOST, 300);
            }
        }
        results.info("run", "wall time", IntakeBench.millisSince(t0) / 1000.0, "s", "");
        Path written = results.write(out);
        System.out.println(results.markdown());
        System.out.println("bench: wrote " + written);
        // ElasticMQ's actor system and HTTP client pools keep non-daemon threads: the run is over.
        System.exit(0);
    }

    /** Pending tasks the later scenarios use up when intake does not run to leave them (the reads copy one). */
    private static int tasksNeeded(BenchSettings settings) {
        int needed = (settings.runs("decisions") ? settings.decisionRate() * settings.decisionSeconds() + 20 : 0)
                + (settings.runs("dispatch") ? settings.dispatchTasks() : 0);
        return settings.runs("reads") ? needed + 1 : needed;
    }

    /**
     * Process start to the first inbox answer: the first launch also migrates the empty database; then the floor (a
     * bare Quarkus REST app, bench/floor) and the app's restart, what the goal is about, one after the other so they
     * see the same machine; then a restart with the class-data archive the first one wrote as it exited (a training
     * run, as a deployment could make one). RSS is read once the idle process has settled.
     */
    private static void startup(BenchRig rig, Results results) throws IOException {
        // A queue of their own: a killed app's pending long poll would take messages meant for the intake run.
        Map<String, String> idle = Map.of("signoff.intake.queue-url", rig.createQueue("bench-startup"));
        Path archive = Path.of("target", "bench", "signoff-cds.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        try (BenchApp first = rig.launch("startup-1", idle, List.of("-XX:ArchiveClassesAtExit=" + archive))) {
            Duration withMigrations = first.awaitFirstInbox(START_PATIENCE);
            results.info(
                    STARTUP,
                    "first start (migrates an empty database, writes a class-data archive at exit)",
                    withMigrations.toMillis(),
                    "ms",
                    "");
            // Closed, not killed: the JVM writes the archive as it exits.
        }
        Idle floor = startIdle(rig.launchFloor("startup-floor"));
        results.measured(STARTUP, FLOOR + ": process start to first answer", floor.millis(), "ms", Goal.AT_MOST, 2000);
        results.measured(STARTUP, FLOOR + ": RSS idle", floor.rssMib(), "MiB", Goal.AT_MOST, 300);
        Idle app = startIdle(rig.launch("startup-2", idle));
        results.measured(STARTUP, "process start to first inbox answer", app.millis(), "ms", Goal.AT_MOST, 2000);
        results.measured(STARTUP, "RSS idle", app.rssMib(), "MiB", Goal.AT_MOST, 300);
        results.info(
                STARTUP,
                "app / floor, start-up",
                app.millis() / floor.millis(),
                "x",
                "the 2 s goal is %.2f x the floor".formatted(2000 / floor.millis()));
        results.info(STARTUP, "app / floor, RSS idle", app.rssMib() / floor.rssMib(), "x", "");
        // CPU to the first answer hardly depends on what else the shared machine runs, the wall time does.
        results.info(STARTUP, FLOOR + ": CPU to first answer", floor.cpuMillis(), "ms", "every thread, JIT included");
        results.info(STARTUP, "CPU to first inbox answer", app.cpuMillis(), "ms", "every thread, JIT included");
        results.info(STARTUP, "app / floor, CPU to first answer", app.cpuMillis() / floor.cpuMillis(), "x", "");
        if (!Files.exists(archive)) {
            results.info(STARTUP, "with a class-data archive", 0, "ms", "the first start wrote no archive");
            return;
        }
        try (BenchApp withArchive = rig.launch("startup-3", idle, List.of("-XX:SharedArchiveFile=" + archive))) {
            Duration start = withArchive.awaitFirstInbox(START_PATIENCE);
            results.measured(
                    STARTUP,
                    "the same with the first start's class-data archive",
                    start.toMillis(),
                    "ms",
                    Goal.AT_MOST,
                    2000);
            withArchive.kill();
        }
    }

    private record Idle(double millis, double cpuMillis, double rssMib) {}

    /** Process start to the first inbox answer and the CPU used by then, RSS once it has idled; kills it after. */
    private static Idle startIdle(BenchApp launched) {
        try (launched) {
            Duration start = launched.awaitFirstInbox(START_PATIENCE);
            double cpu = CpuMeter.processMillis(launched.pid());
            BenchApp.pause(Duration.ofSeconds(5));
            double rss = launched.rssMib();
            launched.kill();
            return new Idle(start.toMillis(), cpu, rss);
        }
    }
}
