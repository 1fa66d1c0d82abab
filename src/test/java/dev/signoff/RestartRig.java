package dev.signoff;

import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What {@link RestartIT} runs the packaged app against: ElasticMQ and the Step Functions stand-in in the test JVM,
 * a scratch PostgreSQL schema, and the app settings that join them. Keeps every launch's log for failure messages.
 */
final class RestartRig implements AutoCloseable {

    static final String REVIEWER = "riley";
    static final String PASSWORD = "riley-restart-password";
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private static final Duration START_PATIENCE = Duration.ofSeconds(90);

    private final ElasticMqTestResource queues = new ElasticMqTestResource();
    private final StepFunctionsTestResource stepFunctions = new StepFunctionsTestResource();
    private final Map<String, String> appConfig = new LinkedHashMap<>();
    private final List<PackagedApp> launched = new ArrayList<>();
    private final List<String> timings = new ArrayList<>();
    private final ScratchSchema schema;
    private final QueueProbe queue;
    private PackagedApp app;

    private final Path logs;

    RestartRig() {
        this("restart-it");
    }

    /** @param name names the scratch schema and the log folder under target/, so two ITs' rigs never share them */
    RestartRig(String name) {
        long started = System.nanoTime();
        logs = Path.of("target", name);
        deleteLogsOfEarlierRuns();
        schema = ScratchSchema.create(name.replace('-', '_'));
        // Redrive only well past what the kills can cost, so no message lands in the DLQ on their account.
        queues.init(Map.of("max-receive-count", "10"));
        Map<String, String> sqsConfig = queues.start();
        queue = new QueueProbe(sqsConfig);
        appConfig.putAll(sqsConfig);
        appConfig.putAll(stepFunctions.start());
        appConfig.put("quarkus.datasource.jdbc.url", schema.jdbcUrl());
        appConfig.put("quarkus.datasource.username", schema.user());
        // One key for every launch: tokens sealed before a crash must open after it.
        appConfig.put("signoff.security.token-keys.k1", randomBase64(32));
        appConfig.put("signoff.security.active-token-key", "k1");
        // No identity provider here: both OIDC tenants off, and the API takes the local user by HTTP basic.
        appConfig.put("quarkus.oidc.tenant-enabled", "false");
        appConfig.put("quarkus.oidc.api.tenant-enabled", "false");
        appConfig.put("quarkus.http.auth.permission.api.auth-mechanism", "basic");
        appConfig.put("quarkus.http.auth.session.encryption-key", randomBase64(32));
        appConfig.put("quarkus.security.users.embedded.users." + REVIEWER, PASSWORD);
        appConfig.put("quarkus.security.users.embedded.roles." + REVIEWER, "finance-reviewers");
        appConfig.put("signoff.security.local-users." + REVIEWER + ".name", "Riley Restart");
        // Two pollers, so a message that comes back after its 2 s visibility timeout can meet its first taker.
        appConfig.put("signoff.intake.pollers", "2");
        appConfig.put("signoff.intake.shutdown-grace", SHUTDOWN_GRACE.toSeconds() + "s");
        // A crash can leave callbacks claimed; they are sent again once the lease ends (default 2m, short here).
        appConfig.put("signoff.callbacks.lease", "10s");
        // Shows a message that could not be handed back on shutdown (logged at DEBUG).
        appConfig.put("quarkus.log.category.\"dev.signoff.intake\".level", "DEBUG");
        time("services and schema", started);
    }

    /** Sets an app property for every launch from now on. */
    void configure(String key, String value) {
        appConfig.put(key, value);
    }

    ScratchSchema schema() {
        return schema;
    }

    QueueProbe queue() {
        return queue;
    }

    PackagedApp app() {
        return app;
    }

    void ensureRunning() {
        if (app == null || !app.isAlive()) {
            launch();
        }
    }

    /** Starts a new app process (after the previous one was killed or stopped) and waits until it is ready. */
    void launch() {
        long started = System.nanoTime();
        app = PackagedApp.start(appConfig, logs.resolve("app-" + (launched.size() + 1) + ".log"), START_PATIENCE);
        launched.add(app);
        time("launch " + launched.size(), started);
    }

    /** Every launch's log, one after the other. */
    String allLogs() {
        return launched.stream().map(PackagedApp::logText).collect(Collectors.joining());
    }

    /** The last lines of the two most recent launches: the one that was stopped and the one that took over. */
    String logTails() {
        return launched.subList(Math.max(0, launched.size() - 2), launched.size()).stream()
                .map(a -> a.logTail(40))
                .collect(Collectors.joining("\n"));
    }

    /** Polls {@code condition}; on timeout, or if the app dies meanwhile, fails with its state and the app's log. */
    void awaitUntil(String what, Duration patience, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Expected " + what + " within " + patience + "; now: " + state.get() + "\n" + logTails());
            }
            if (app != null && !app.isAlive()) {
                throw new AssertionError("The app died while waiting until " + what + "\n" + logTails());
            }
            sleep(Duration.ofMillis(20));
        }
    }

    void time(String what, long startedNanos) {
        timings.add(
                what + " " + Duration.ofNanos(System.nanoTime() - startedNanos).toMillis() + " ms");
    }

    @Override
    public void close() {
        if (app != null && app.isAlive()) {
            // Nothing left to check, and a graceful stop would wait out an idle long poll.
            app.kill();
        }
        queue.close();
        queues.stop();
        stepFunctions.stop();
        schema.close();
        System.out.println("RestartIT timings: " + String.join(", ", timings));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deleteLogsOfEarlierRuns() {
        try (Stream<Path> old = Files.exists(logs) ? Files.list(logs) : Stream.empty()) {
            for (Path log : old.toList()) {
                Files.delete(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomBase64(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
