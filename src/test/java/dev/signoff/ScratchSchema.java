package dev.signoff;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL schema of its own in the test database, so a packaged app under test never meets the tables the
 * {@code @QuarkusTest}s clean and fill. The app's Flyway migrates it; the test reads it with plain JDBC.
 */
final class ScratchSchema implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";

    private final String name;

    private ScratchSchema(String name) {
        this.name = name;
    }

    /** Creates an empty schema named {@code prefix} plus this JVM's pid (runs in parallel worktrees don't meet). */
    static ScratchSchema create(String prefix) {
        ScratchSchema schema =
                new ScratchSchema(prefix + "_" + ProcessHandle.current().pid());
        schema.execute("drop schema if exists " + schema.name + " cascade", "create schema " + schema.name);
        return schema;
    }

    String jdbcUrl() {
        return SERVER + "?currentSchema=" + name;
    }

    String user() {
        return USER;
    }

    /** How many review tasks exist per execution ARN, for the given ARNs (absent ARNs have none). */
    Map<String, Integer> tasksPerExecution(Collection<String> executionArns) {
        return countBy(
                "select execution_arn, count(*) from review_task where execution_arn = any(?) group by execution_arn",
                executionArns);
    }

    /** Task status by execution ARN. */
    Map<String, String> taskStatuses(Collection<String> executionArns) {
        return textBy("select execution_arn, status from review_task where execution_arn = any(?)", executionArns);
    }

    /** Outbox row status by execution ARN. */
    Map<String, String> callbackStatuses(Collection<String> executionArns) {
        return textBy("select execution_arn, status from outbox where execution_arn = any(?)", executionArns);
    }

    String taskId(String executionArn) {
        return textBy(
                        "select execution_arn, id::text from review_task where execution_arn = any(?)",
                        List.of(executionArn))
                .get(executionArn);
    }

    /** Callbacks still claimed under a lease, as a crash mid-delivery leaves them. */
    long leasedCallbacks(Collection<String> executionArns) {
        Map<String, Integer> leased = countBy(
                "select 'leased', count(*) from outbox where execution_arn = any(?) and lease_until > now()",
                executionArns);
        return leased.getOrDefault("leased", 0);
    }

    long count(String table) {
        return count(table, "true");
    }

    /** Rows of {@code table} matching {@code condition} (SQL written by the test itself). */
    long count(String table, String condition) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + table + " where " + condition)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count " + table + " in " + name, e);
        }
    }

    @Override
    public void close() {
        execute("drop schema if exists " + name + " cascade");
    }

    private Map<String, Integer> countBy(String sql, Collection<String> keys) {
        Map<String, Integer> result = new HashMap<>();
        query(sql, keys, rs -> result.put(rs.getString(1), rs.getInt(2)));
        return result;
    }

    private Map<String, String> textBy(String sql, Collection<String> keys) {
        Map<String, String> result = new HashMap<>();
        query(sql, keys, rs -> result.put(rs.getString(1), rs.getString(2)));
        return result;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Collection<String> keys, Row row) {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("varchar", keys.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query on " + name + " failed: " + sql, e);
        }
    }

    private void execute(String... statements) {
        try (Connection c = DriverManager.getConnection(SERVER, USER, "");
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare schema " + name, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }
}
