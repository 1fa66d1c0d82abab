package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.PlanningDatabase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whether a failed callback may be retried is decided from indexes, however large the outbox has grown. */
class DeliveryFailuresPlanTest {

    @Test
    void the_retry_check_reads_the_outbox_only_through_indexes() throws Exception {
        try (PlanningDatabase db = PlanningDatabase.create("plans_retry")) {
            String plan = db.explain(
                    DeliveryFailures.BLOCKER.replace("?1", "?").replace("?2", "?"), Instant.now(), UUID.randomUUID());

            assertThat(plan).contains("ix_outbox_token").doesNotContain("Seq Scan on outbox");
        }
    }
}
