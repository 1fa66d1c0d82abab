package dev.signoff.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class OutagesTest {

    @Test
    void a_failure_of_one_statement_is_not_an_outage() {
        RuntimeException duplicate = new IllegalStateException(
                "could not execute statement",
                new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(Outages.outageCause(duplicate)).isNull();
        assertThat(Outages.outageCause(new IllegalArgumentException("no cause at all")))
                .isNull();
    }

    @Test
    void a_lost_connection_deep_in_the_causes_is_an_outage() {
        RuntimeException wrapped = new IllegalStateException(
                "commit failed", new RuntimeException(new SQLTransientConnectionException("gone", "08006")));

        assertThat(Outages.outageCause(wrapped)).isEqualTo("SQLTransientConnectionException 08006");
    }

    @Test
    void a_suppressed_outage_counts_too() {
        RuntimeException failure = new RuntimeException("rollback failed");
        failure.addSuppressed(new SQLException("terminating connection due to administrator command", "57P01"));

        assertThat(Outages.outageCause(failure)).isEqualTo("SQLException 57P01");
    }
}
