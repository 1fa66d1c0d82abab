package dev.signoff.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills the database by SQL for the read scenarios: copies of one task the app took in itself (so every column
 * holds what intake writes), varied where the inbox sorts, filters and searches. Closed history rows carry an empty
 * request ({@code {}}): nothing the scenarios read shows it, and a million copies of a real one would not fit.
 */
final class BenchData {

    private final Connection db;

    BenchData(Connection db) {
        this.db = db;
    }

    /** Keeps one task as the template, then removes every task (and what hangs off them). */
    void resetKeepingTemplate() throws SQLException {
        exec("drop table if exists bench_template");
        exec("create table bench_template as select * from review_task where status = 'PENDING' limit 1");
        if (IntakeBench.count(db, "select count(*) from bench_template") != 1) {
            throw new IllegalStateException("No task to copy: the intake scenario leaves them");
        }
        exec("truncate review_task cascade");
    }

    /** Stops autovacuum on the task table, so a figure "before ANALYZE" is one. */
    void autovacuum(boolean on) throws SQLException {
        exec("alter table review_task set (autovacuum_enabled = " + on + ")");
        exec("alter table task_assignee set (autovacuum_enabled = " + on + ")");
    }

    void analyze() throws SQLException {
        exec("analyze review_task");
        exec("analyze task_assignee");
    }

    /** Adds {@code count} PENDING copies, numbered from {@code from}, assigned to finance-reviewers. */
    void addPending(int from, int count) throws SQLException {
        insertCopies(
                from,
                count,
                Map.of(
                        "status", "'PENDING'",
                        "title", "'Invoice INV-' || g || ': confirm low-confidence fields'",
                        "received_at", "now() - (g % 20000) * interval '1 minute'",
                        "due_at", "case when g % 5 = 0 then null else now() + (g % 9000) * interval '1 hour' end",
                        "highest_severity", "(g % 5)",
                        "search_text", "search_text || ' batch' || (g % 1000)",
                        "decided_at", "null",
                        "closed_at", "null"));
    }

    /** Adds {@code count} closed copies (DELIVERED, EXPIRED, CANCELLED), closed over the last year. */
    void addClosed(int from, int count) throws SQLException {
        insertCopies(
                from,
                count,
                Map.of(
                        "status", "(array['DELIVERED','DELIVERED','EXPIRED','CANCELLED'])[1 + g % 4]",
                        "title", "'Closed INV-' || g",
                        "request_json", "'{}'",
                        "received_at", "now() - (g % 525600) * interval '1 minute' - interval '1 day'",
                        "decided_at", "now() - (g % 525600) * interval '1 minute'",
                        "closed_at", "now() - (g % 525600) * interval '1 minute'",
                        "highest_severity", "(g % 5)"));
    }

    private void insertCopies(int from, int count, Map<String, String> overrides) throws SQLException {
        List<String> columns = columns("review_task");
        String select = columns.stream()
                .map(c -> switch (c) {
                    case "id" -> "gen_random_uuid()";
                    case "token_hash" -> "md5('bench-' || g)";
                    case "execution_arn" -> "execution_arn || '-' || g";
                    default -> overrides.getOrDefault(c, c);
                })
                .collect(Collectors.joining(", "));
        for (int start = from; start < from + count; start += 50_000) {
            int end = Math.min(from + count, start + 50_000) - 1;
            exec("insert into review_task (" + String.join(", ", columns) + ") select " + select
                    + " from bench_template, generate_series(" + start + ", " + end + ") g");
        }
        exec("insert into task_assignee (task_id, kind, name) select t.id, 'GROUP', 'finance-reviewers'"
                + " from review_task t where not exists (select 1 from task_assignee a where a.task_id = t.id)");
    }

    /** The columns a copy writes: PostgreSQL computes the generated ones (search_vector) itself. */
    private List<String> columns(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("select column_name from information_schema.columns where table_name = '"
                        + table + "' and table_schema = current_schema() and is_generated = 'NEVER'"
                        + " order by ordinal_position")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }
}
