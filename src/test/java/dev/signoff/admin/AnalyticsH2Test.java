package dev.signoff.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics SQL on the sandbox's database: H2 in PostgreSQL mode, migrated as the sandbox migrates it. The same
 * fixtures give the same figures as on PostgreSQL (AnalyticsTest): workflow names, buckets, percentiles, bins.
 */
class AnalyticsH2Test {

    private static final Pattern PARAMETER = Pattern.compile("\\?([12])");
    private static final Instant NOW = Instant.parse("2026-12-02T10:30:00Z");

    private Connection h2;

    @BeforeEach
    void migrate() throws Exception {
        String url = "jdbc:h2:mem:analytics-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration", "classpath:db/h2")
                .load()
                .migrate();
        h2 = DriverManager.getConnection(url, "sa", "");
        Instant start = NOW.minus(Duration.ofHours(3)); // 07:30: research's decision 90 min later is two hours on
        for (int i = 1; i <= 20; i++) {
            decided("arn:aws:states:eu-west-1:1:stateMachine:invoices:prod", "invoices", start, i);
        }
        decided(null, "research", start, 90);
        task(null, "research", "CANCELLED", start, null, start.plusSeconds(60));
        task(null, "research", "EXPIRED", start, null, start.plusSeconds(60));
    }

    @AfterEach
    void close() throws Exception {
        h2.close();
    }

    @Test
    void percentiles_are_computed_per_workflow_and_over_all() throws Exception {
        assertThat(query(AnalyticsSql.DURATIONS))
                .containsExactlyInAnyOrder(
                        List.of("invoices", "630.0", "1143.0"), List.of("research", "5400.0", "5400.0"));
        // 21 decisions of 1..20 and 90 minutes: the 11th is the median, the 20th exactly the 95th percentile.
        assertThat(query(AnalyticsSql.DURATIONS_ALL)).containsExactly(List.of("660.0", "1200.0"));
    }

    @Test
    void requests_decisions_and_bins_group_by_the_workflows_name_and_hour() throws Exception {
        long hour = AnalyticsWindow.DAY.bucketOf(NOW.minus(Duration.ofHours(3)));
        assertThat(query(AnalyticsSql.requests(AnalyticsWindow.DAY)))
                .containsExactlyInAnyOrder(List.of("invoices", "" + hour, "20"), List.of("research", "" + hour, "3"));
        assertThat(query(AnalyticsSql.decisions(AnalyticsWindow.DAY)))
                .containsExactlyInAnyOrder(
                        List.of("invoices", "" + hour, "APPROVE", "false", "20"),
                        List.of("research", "" + (hour + 2), "APPROVE", "false", "1"));
        // 1..4 min under 5 min, 5..14 in 5-15 min, 15..20 in 15 min-1 h; research's 90 min in 1-4 h.
        assertThat(query(AnalyticsSql.DISTRIBUTION))
                .containsExactlyInAnyOrder(
                        List.of("invoices", "0", "4"),
                        List.of("invoices", "1", "10"),
                        List.of("invoices", "2", "6"),
                        List.of("research", "3", "1"));
        assertThat(query(AnalyticsSql.CLOSED))
                .containsExactlyInAnyOrder(List.of("invoices", "20", "0", "0"), List.of("research", "3", "1", "1"));
    }

    private void decided(String stateMachineArn, String workflow, Instant receivedAt, int minutes) throws Exception {
        Instant decidedAt = receivedAt.plus(Duration.ofMinutes(minutes));
        UUID id = task(stateMachineArn, workflow, "DELIVERED", receivedAt, decidedAt, decidedAt);
        update(
                "insert into decision (id, task_id, idempotency_key, outcome, edited, reviewer_id, decided_at)"
                        + " values (?, ?, ?, 'APPROVE', false, 'reviewer', ?)",
                UUID.randomUUID(),
                id,
                id.toString(),
                decidedAt);
    }

    private UUID task(
            String stateMachineArn,
            String workflow,
            String status,
            Instant receivedAt,
            Instant decidedAt,
            Instant closedAt)
            throws Exception {
        UUID id = UUID.randomUUID();
        update(
                "insert into review_task (id, token_hash, token_ciphertext, execution_arn, state_machine_arn, title,"
                        + " request_json, status, received_at, decided_at, closed_at, version)"
                        + " values (?, ?, 'sealed', ?, ?, 'Fixture', '{}', ?, ?, ?, ?, 0)",
                id,
                id.toString(),
                "arn:aws:states:eu-west-1:1:execution:" + workflow + ":" + id,
                stateMachineArn,
                status,
                receivedAt,
                decidedAt,
                closedAt);
        return id;
    }

    private void update(String sql, Object... values) throws Exception {
        try (PreparedStatement statement = h2.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i] instanceof Instant at ? Timestamp.from(at) : values[i]);
            }
            statement.executeUpdate();
        }
    }

    /** Runs a query with ?1 = the 24-hour window's start and ?2 = now; each row as text, fractions as doubles. */
    private List<List<String>> query(String sql) throws Exception {
        List<Object> bound = new ArrayList<>();
        Matcher m = PARAMETER.matcher(sql);
        while (m.find()) {
            bound.add(Timestamp.from(m.group(1).equals("1") ? AnalyticsWindow.DAY.from(NOW) : NOW));
        }
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement statement =
                h2.prepareStatement(PARAMETER.matcher(sql).replaceAll("?"))) {
            for (int i = 0; i < bound.size(); i++) {
                statement.setObject(i + 1, bound.get(i));
            }
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= r.getMetaData().getColumnCount(); c++) {
                        Object value = r.getObject(c);
                        row.add(
                                value instanceof Number n && !(value instanceof Long || value instanceof Integer)
                                        ? String.valueOf(n.doubleValue())
                                        : String.valueOf(value));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
