package dev.signoff.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/db/runtime-grants.sql on a real PostgreSQL: a database migrated by Flyway as an owner role, the script run as
 * that owner, then everything tried as the runtime role. The runtime role writes the working tables, adds and reads
 * audit events, and is refused (42501, insufficient privilege) every UPDATE, DELETE, TRUNCATE, ALTER and DROP of
 * audit_event.
 */
class RuntimeGrantsTest {

    private static final String SERVER = System.getenv()
            .getOrDefault("_TEST_QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test")
            .replaceFirst("/[^/?]+(\\?.*)?$", "/");
    private static final String SUFFIX = "_" + ProcessHandle.current().pid();
    private static final String OWNER = "signoff_owner" + SUFFIX;
    private static final String APP = "signoff_app" + SUFFIX;
    private static final String DATABASE = "signoff_grants" + SUFFIX;
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @BeforeAll
    static void migrateAndGrant() throws Exception {
        dropAll();
        try (Connection admin = connect("postgres", "postgres")) {
            execute(
                    admin,
                    "create role " + OWNER + " login",
                    "create role " + APP + " login",
                    "create database " + DATABASE + " owner " + OWNER);
        }
        Flyway.configure()
                .dataSource(SERVER + DATABASE, OWNER, "")
                .locations("classpath:db/migration", "classpath:db/postgresql")
                .load()
                .migrate();
        String script = Files.readString(Path.of("infra/db/runtime-grants.sql"))
                .replace("signoff_owner", OWNER)
                .replace("signoff_app", APP);
        try (Connection owner = connect(DATABASE, OWNER)) {
            execute(owner, script);
            // A table a later migration adds is the app's to use without running the script again.
            execute(owner, "create table later_feature (id uuid primary key, note varchar(40))");
        }
    }

    @AfterAll
    static void dropAll() throws SQLException {
        try (Connection admin = connect("postgres", "postgres")) {
            execute(admin, "drop database if exists " + DATABASE + " with (force)");
            for (String role : new String[] {APP, OWNER}) {
                execute(admin, "drop role if exists " + role);
            }
        }
    }

    @Test
    void the_runtime_role_adds_and_reads_audit_events() throws Exception {
        try (Connection app = connect(DATABASE, APP)) {
            execute(
                    app,
                    "insert into audit_event (id, at, actor, type, detail)"
                            + " values (gen_random_uuid(), now(), 'reviewer', 'SIGNED_IN', 'form sign-in')");
            try (Statement s = app.createStatement();
                    ResultSet rows = s.executeQuery("select count(*) from audit_event where type = 'SIGNED_IN'")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void the_runtime_role_is_refused_every_change_to_an_audit_event() throws Exception {
        try (Connection app = connect(DATABASE, APP)) {
            for (String change : new String[] {
                "update audit_event set detail = 'rewritten'",
                "delete from audit_event",
                "truncate audit_event",
                "alter table audit_event add column forged boolean",
                "drop table audit_event"
            }) {
                assertThatThrownBy(() -> execute(app, change))
                        .as(change)
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).as(change).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }

    @Test
    void the_runtime_role_still_writes_the_working_tables_and_later_ones() throws Exception {
        try (Connection app = connect(DATABASE, APP)) {
            // PostgreSQL checks privileges when it plans a statement, so statements that touch no row prove them.
            execute(
                    app,
                    "update review_task set title = title where false",
                    "delete from task_comment where false",
                    "update outbox set attempts = attempts where false",
                    "insert into later_feature (id, note) values (gen_random_uuid(), 'new')",
                    "delete from later_feature");
            assertThatThrownBy(() -> execute(app, "select * from flyway_schema_history"))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        }
    }

    private static Connection connect(String database, String user) throws SQLException {
        return DriverManager.getConnection(SERVER + database, user, "");
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
