package dev.signoff.bench;

import dev.signoff.sandbox.EmbeddedSqs;
import dev.signoff.sandbox.stepfunctions.StatusChangeListener;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the benchmark runs the packaged app against: a database of its own on the local PostgreSQL (created here,
 * dropped on close), ElasticMQ and the Step Functions stand-in in this JVM, and the settings that join them.
 */
final class BenchRig implements AutoCloseable {

    static final String REGION = "us-east-1";

    private final BenchSettings settings;
    private final EmbeddedSqs sqs;
    private final SqsClient client;
    private final StepFunctionsStandIn standIn;
    private final Map<String, String> appConfig = new LinkedHashMap<>();

    BenchRig(BenchSettings settings) {
        this.settings = settings;
        recreateDatabase();
        sqs = EmbeddedSqs.start(
                new EmbeddedSqs.Settings("127.0.0.1", 0, REGION, "bench-review", "bench-review-dlq", 5));
        client = sqs.newClient(REGION);
        standIn = StepFunctionsStandIn.start(0, Clock.systemUTC(), StatusChangeListener.NONE);
        appConfig.put("quarkus.sqs.endpoint-override", sqs.endpoint().toString());
        appConfig.put("quarkus.sqs.aws.region", REGION);
        appConfig.put("quarkus.sqs.aws.credentials.type", "static");
        appConfig.put("quarkus.sqs.aws.credentials.static-provider.access-key-id", EmbeddedSqs.ACCESS_KEY);
        appConfig.put("quarkus.sqs.aws.credentials.static-provider.secret-access-key", EmbeddedSqs.SECRET_KEY);
        appConfig.put("signoff.intake.queue-url", sqs.queueUrl());
        appConfig.put("signoff.intake.dead-letter-queue-url", sqs.deadLetterQueueUrl());
        appConfig.put("signoff.intake.pollers", String.valueOf(settings.pollers()));
        appConfig.put("signoff.callbacks.endpoint-override", standIn.endpoint().toString());
        appConfig.put("signoff.callbacks.region", StepFunctionsStandIn.REGION);
        appConfig.put("signoff.callbacks.access-key-id", "bench");
        appConfig.put("signoff.callbacks.secret-access-key", "bench");
        appConfig.put("quarkus.datasource.jdbc.url", jdbcUrl(settings.database()));
        appConfig.put("quarkus.datasource.username", settings.dbUser());
        appConfig.put("signoff.security.token-keys.k1", randomBase64(32));
        appConfig.put("signoff.security.active-token-key", "k1");
        appConfig.put("quarkus.http.auth.session.encryption-key", randomBase64(32));
        appConfig.put("quarkus.security.users.embedded.users." + BenchApp.USER, BenchApp.PASSWORD);
        appConfig.put("quarkus.security.users.embedded.roles." + BenchApp.USER, "finance-reviewers");
        // -Dbench.app.<key>=<value>: any setting of the app, for an experiment (bench/README.md).
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(APP_SETTING))
                .sorted()
                .forEach(name -> appConfig.put(name.substring(APP_SETTING.length()), System.getProperty(name)));
    }

    private static final String APP_SETTING = "bench.app.";

    SqsClient sqs() {
        return client;
    }

    String reviewQueueUrl() {
        return sqs.queueUrl();
    }

    String deadLetterQueueUrl() {
        return sqs.deadLetterQueueUrl();
    }

    String createQueue(String name) {
        return sqs.createQueue(name);
    }

    StepFunctionsStandIn standIn() {
        return standIn;
    }

    BenchApp launch(String name) {
        return launch(name, Map.of());
    }

    /** Launches the app with some settings replaced, e.g. a queue of its own for a launch that must take nothing. */
    BenchApp launch(String name, Map<String, String> overrides) {
        return launch(name, overrides, List.of());
    }

    /** The same with JVM options besides the run's, e.g. a class-data archive to write or use. */
    BenchApp launch(String name, Map<String, String> overrides, List<String> moreJvmOptions) {
        Map<String, String> config = new LinkedHashMap<>(appConfig);
        config.putAll(overrides);
        List<String> jvm = new ArrayList<>(settings.jvmOptions());
        jvm.addAll(moreJvmOptions);
        return BenchApp.launch(jvm, config, Path.of("target", "bench", name + ".log"));
    }

    /** The start-up floor (bench/floor) with the run's JVM options, as the app gets them. */
    BenchApp launchFloor(String name) {
        return BenchApp.launchFloor(settings.jvmOptions(), Path.of("target", "bench", name + ".log"));
    }

    Map<String, String> appConfig() {
        return appConfig;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(settings.database()), settings.dbUser(), "");
    }

    @Override
    public void close() {
        client.close();
        sqs.close();
        standIn.close();
        if (!settings.keepDatabase()) {
            dropDatabase();
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + settings.dbHost() + "/" + database;
    }

    private void recreateDatabase() {
        dropDatabase();
        admin(List.of("create database " + settings.database()));
    }

    private void dropDatabase() {
        admin(List.of("drop database if exists " + settings.database() + " with (force)"));
    }

    private void admin(List<String> statements) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), settings.dbUser(), "");
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + settings.dbHost() + ": " + e.getMessage(), e);
        }
    }

    private static String randomBase64(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
