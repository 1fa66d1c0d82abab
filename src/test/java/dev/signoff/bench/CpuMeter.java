package dev.signoff.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CPU time from /proc (Linux), to say where a scenario's CPU went: the machine as a whole, the app, PostgreSQL (every
 * process named postgres) and this driver's JVM (ElasticMQ and the stand-in run in it). Elsewhere every reading is 0.
 */
final class CpuMeter {

    /** One reading, in clock ticks (USER_HZ, 100 a second on Linux). */
    record Reading(long machineBusy, long machineTotal, long app, long postgres, long driver) {}

    private static final double TICKS_PER_SECOND = 100;
    private static final Path PROC = Path.of("/proc");

    private CpuMeter() {}

    static Reading read(long appPid) {
        long[] machine = machine();
        return new Reading(
                machine[0],
                machine[1],
                process(appPid),
                postgres(),
                process(ProcessHandle.current().pid()));
    }

    /** What happened between two readings, per message, as a figure's note. */
    static String perMessage(Reading before, Reading after, long messages, int cores) {
        double busy = after.machineBusy() - before.machineBusy();
        double total = Math.max(1, after.machineTotal() - before.machineTotal());
        return String.format(
                Locale.ROOT,
                "CPU ms per message: app %.2f, PostgreSQL %.2f, ElasticMQ and driver %.2f; machine %.0f%% busy of"
                        + " %d cores",
                millisPer(after.app() - before.app(), messages),
                millisPer(after.postgres() - before.postgres(), messages),
                millisPer(after.driver() - before.driver(), messages),
                100 * busy / total,
                cores);
    }

    /** CPU milliseconds per message of every process measured, the app's, PostgreSQL's and the driver's together. */
    static double totalMillisPerMessage(Reading before, Reading after, long messages) {
        long ticks = (after.app() - before.app())
                + (after.postgres() - before.postgres())
                + (after.driver() - before.driver());
        return millisPer(ticks, messages);
    }

    private static double millisPer(long ticks, long messages) {
        return ticks * 1000 / TICKS_PER_SECOND / Math.max(1, messages);
    }

    /** Busy and total ticks of all CPUs: the first line of /proc/stat (idle and iowait are not busy). */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** CPU milliseconds one process has used so far, all its threads (the start-up scenario's CPU figures). */
    static double processMillis(long pid) {
        return process(pid) * 1000 / TICKS_PER_SECOND;
    }

    /** utime + stime of one process, all its threads; 0 when it is gone. */
    private static long process(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(String.valueOf(pid)).resolve("stat"));
            // The name (field 2) may hold spaces: the fields after it start behind the last ')'.
            List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            return Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long postgres() {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(
                PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).trim().equals("postgres")) {
                        ticks += process(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended while we looked
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }
}
