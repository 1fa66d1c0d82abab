package dev.signoff;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app ({@code target/quarkus-app/quarkus-run.jar}) running as a child process in the prod profile,
 * configured by system properties. Its console goes to a log file so a test can show what the app did.
 */
final class PackagedApp {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final URI baseUri;

    private PackagedApp(Process process, Path log, URI baseUri) {
        this.process = process;
        this.log = log;
        this.baseUri = baseUri;
    }

    /** How a launch that stopped by itself ended: its exit status and everything it wrote to the console. */
    record Exit(int status, String console) {}

    /** Starts the app on a free port and waits until it reports ready. */
    static PackagedApp start(Map<String, String> properties, Path log, Duration patience) {
        int port = freePort();
        Process process = launch(properties, port, log);
        PackagedApp app = new PackagedApp(process, log, URI.create("http://127.0.0.1:" + port));
        app.awaitReady(patience);
        return app;
    }

    /**
     * Starts the app and waits up to {@code patience} for it to exit by itself, as it does when its configuration is
     * refused. One still running then is killed and fails the test.
     */
    static Exit runUntilExit(Map<String, String> properties, Path log, Duration patience) {
        Process process = launch(properties, freePort(), log);
        PackagedApp app = new PackagedApp(process, log, null);
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                app.kill();
                throw new AssertionError("The app was still running after " + patience + "\n" + app.logTail(60));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            app.kill();
            throw new AssertionError("Interrupted while waiting for the app to exit", e);
        }
        return new Exit(process.exitValue(), app.logText());
    }

    private static Process launch(Map<String, String> properties, int port, Path log) {
        assertThat(JAR).as("the packaged app; run `mvn package` first").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // C1 only: the app starts noticeably faster, which is what a restart test waits on.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx384m");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        // /q/metrics' own port (9000 by default) is free too, so two instances of a test never collide on it.
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + freePort());
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(log.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // Never outlive the test JVM, even if it is killed itself.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return baseUri.resolve(path);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the app gets no chance to finish anything, as in a crash or an OOM kill. */
    void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM, then waits up to {@code patience} for the process to exit; returns how long it took. */
    Duration terminate(Duration patience) {
        long started = System.nanoTime();
        process.destroy();
        waitFor(patience);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The last {@code lines} lines of the app's console, for failure messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "---- last lines of " + log + " ----\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitFor(Duration patience) {
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(uri("/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "The app exited with " + process.exitValue() + " while starting\n" + logTail(60));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for the app", e);
            }
            sleep(Duration.ofMillis(200));
        }
        kill();
        throw new AssertionError("The app was not ready within " + patience + "\n" + logTail(60));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
