package dev.signoff.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * A schema of its own in the test database, migrated by the app's Flyway scripts and filled with a production-like
 * mix (100,000 tasks, a tenth of them open, spread over twenty groups; 100,000 outbox rows, a few due; a decision
 * for each closed task), then
 * analysed: PostgreSQL plans queries on it as it would at that size, so {@link #explain} shows which index a hot read
 * really uses. Never touches the schema the {@code @QuarkusTest}s use.
 */
public final class PlanningDatabase implements AutoCloseable {

    // The database the @QuarkusTests of this run use (each helper has its own), else the default test database.
    private static final String URL =
            System.getenv().getOrDefault("_TEST_QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = "postgres";
    public static final int TASKS = 100_000;

    private final String schema;
    private final Connection connection;

    private PlanningDatabase(String schema, Connection connection) {
        this.schema = schema;
        this.connection = connection;
    }

    public static PlanningDatabase create(String prefix) throws SQLException {
        String schema = prefix + "_" + ProcessHandle.current().pid();
        Connection connection = DriverManager.getConnection(URL, USER, "");
        PlanningDatabase db = new PlanningDatabase(schema, connection);
        db.execute("drop schema if exists " + schema + " cascade", "create schema " + schema);
        Flyway.configure()
                .dataSource(URL, USER, "")
                .schemas(schema)
                .locations("classpath:db/migration", "classpath:db/postgresql")
                .load()
                .migrate();
        db.execute("set search_path to " + schema);
        db.fill();
        return db;
    }

    /** The plan of {@code sql} with its JDBC parameters bound, as the app would send it. */
    public String explain(String sql, Object... params) throws SQLException {
        return String.join("\n", column("explain " + sql, params));
    }

    /** The first column of every row {@code sql} returns with its JDBC parameters bound, as text. */
    public List<String> column(String sql, Object... params) throws SQLException {
        try (PreparedStatement query = prepare(sql, params)) {
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** The one timestamp {@code sql} returns. */
    public Instant instant(String sql, Object... params) throws SQLException {
        try (PreparedStatement query = prepare(sql, params)) {
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getTimestamp(1).toInstant();
            }
        }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i] instanceof Instant at ? Timestamp.from(at) : params[i]);
        }
        return statement;
    }

    private void fill() throws SQLException {
        execute(
                // Nine in ten tasks closed long ago; one in ten open, due over the next weeks (a third without a due
                // date), with Step Functions' deadline ahead; one in ten heartbeats, the open ones due over 20 min.
                "insert into review_task (id, token_hash, token_ciphertext, execution_arn, state_machine_arn,"
                        + " state_name, title, request_json, requested_by, status, entered_at, received_at, due_at,"
                        + " timeout_at, expires_at, heartbeat_seconds, next_heartbeat_at, decided_at, closed_at,"
                        + " version, highest_severity, search_text)"
                        + " select gen_random_uuid(), md5(i::text) || md5((-i)::text), 'v1:k:sealed',"
                        + " 'arn:aws:states:us-east-1:123456789012:execution:wf-' || (i % 7) || ':run-' || i,"
                        + " 'arn:aws:states:us-east-1:123456789012:stateMachine:wf-' || (i % 7), 'HumanReview',"
                        + " 'Task ' || i, '{}', 'agent', case when i % 10 = 0 then 'PENDING' else 'DELIVERED' end,"
                        + " now() - i * interval '1 minute', now() - i * interval '1 minute',"
                        + " case when i % 3 = 0 then null else now() + (i % 5000) * interval '5 minutes' end,"
                        + " case when i % 10 = 0 then now() + interval '30 days' else now() - interval '1 day' end,"
                        + " case when i % 20 = 0 then now() + interval '7 days' end,"
                        + " case when i % 10 = 3 or i % 100 = 0 then 3600 end,"
                        + " case when i % 100 = 0 then now() + (i % 1200) * interval '1 second' end,"
                        + " case when i % 10 <> 0 then now() - i * interval '1 minute' end,"
                        + " case when i % 10 <> 0 then now() - i * interval '1 minute' end, 0,"
                        // Severities spread evenly (0 = no findings); one task in fifty is about a duplicate invoice.
                        + " i % 6, 'task ' || i || case when i % 50 = 0 then ' duplicate invoice' else"
                        + " ' routine check of the quarterly figures' end"
                        + " from generate_series(1, " + TASKS + ") as i",
                "insert into task_assignee (task_id, kind, name)"
                        + " select id, 'GROUP', 'group-' || (abs(hashtext(id::text)) % 20) from review_task",
                "insert into outbox (id, task_id, token_ciphertext, kind, status, attempts, next_attempt_at,"
                        + " created_at, delivered_at)"
                        + " select gen_random_uuid(), id, 'v1:k:sealed', 'SUCCESS',"
                        + " case when status = 'PENDING' and md5(id::text) < '02' then 'PENDING' else 'DELIVERED' end,"
                        + " 1, coalesce(closed_at, now()), coalesce(closed_at, now()), closed_at from review_task",
                // Every closed task was decided: mostly approved, one approval in five edited.
                "insert into decision (id, task_id, idempotency_key, outcome, edited, reviewer_id, decided_at)"
                        + " select gen_random_uuid(), id, id::text, case when md5(id::text) < '3' then 'REJECT'"
                        + " when md5(id::text) < '4' then 'REQUEST_CHANGES' else 'APPROVE' end,"
                        + " md5(id::text) > 'c', 'reviewer', decided_at from review_task where decided_at is not null",
                "analyze");
    }

    /** Adds rows a plan test needs beyond the shared mix (then {@code analyze} again). */
    public void execute(String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            execute("drop schema if exists " + schema + " cascade");
        } finally {
            connection.close();
        }
    }
}
