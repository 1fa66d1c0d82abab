package dev.signoff.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged production app ({@code target/quarkus-app}) as a child process in the {@code prod,bench} profiles, or
 * the start-up floor ({@code bench/floor}: a bare Quarkus REST app answering {@code GET /inbox}), launched and timed
 * the same way. Stopping always waits for the process to be gone: a JVM whose jars are replaced while it shuts down
 * hangs.
 */
final class BenchApp implements AutoCloseable {

    static final Path APP_DIR = Path.of("target", "quarkus-app");
    /** Built by bench/run.sh ({@code ./mvnw -f bench/floor/pom.xml package}). */
    static final Path FLOOR_DIR = Path.of("bench", "floor", "target", "quarkus-app");

    private static final String JAR = "quarkus-run.jar";
    static final String USER = "bench";
    static final String PASSWORD = "bench-password";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final URI base;
    private final long launchedAtNanos;
    private final Path log;

    private BenchApp(Process process, URI base, long launchedAtNanos, Path log) {
        this.process = process;
        this.base = base;
        this.launchedAtNanos = launchedAtNanos;
        this.log = log;
    }

    /** Launches the app with these JVM options and settings; returns at once (see {@link #awaitFirstInbox}). */
    static BenchApp launch(List<String> jvmOptions, Map<String, String> settings, Path log) {
        List<String> properties = new ArrayList<>();
        properties.add("-Dquarkus.profile=prod,bench");
        settings.forEach((key, value) -> properties.add("-D" + key + "=" + value));
        properties.add("-Dquarkus.management.host=127.0.0.1");
        properties.add("-Dquarkus.management.port=" + freePort());
        return launch(APP_DIR, jvmOptions, properties, log);
    }

    /**
     * Launches the floor with the same JVM options: its defaults otherwise (prod profile, no management interface),
     * and it ignores the app's basic-auth header, so {@link #awaitFirstInbox} and {@link #rssMib} work unchanged.
     */
    static BenchApp launchFloor(List<String> jvmOptions, Path log) {
        return launch(FLOOR_DIR, jvmOptions, List.of(), log);
    }

    private static BenchApp launch(Path appDir, List<String> jvmOptions, List<String> properties, Path log) {
        if (!Files.exists(appDir.resolve(JAR))) {
            throw new IllegalStateException(appDir.resolve(JAR) + " is missing: build it first (bench/run.sh does)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(properties);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        // As the image runs it: from the app's directory, the jar by its relative name, which is how a class-data
        // archive (Quarkus's or one written at exit) records the class path; an absolute path would not match it.
        command.add("-jar");
        command.add(JAR);
        try {
            Files.createDirectories(log.getParent());
            long launched = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .directory(appDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toAbsolutePath().toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new BenchApp(process, URI.create("http://127.0.0.1:" + port), launched, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Polls {@code /inbox} until it answers 200; returns the time from process start to that answer. */
    Duration awaitFirstInbox(Duration patience) {
        HttpRequest inbox = HttpRequest.newBuilder(uri("/inbox"))
                .header("Authorization", authorization())
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The app exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(inbox, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedAtNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(Duration.ofMillis(20));
        }
        throw new IllegalStateException("No inbox within " + patience + "; see " + log);
    }

    /** Resident set size from /proc (Linux), in MiB; -1 where there is no /proc. */
    double rssMib() {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, wait (pollers finish their batch within the grace period), SIGKILL only if it does not exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL and wait: for a launch whose state nobody needs (the start-up measurement). */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
