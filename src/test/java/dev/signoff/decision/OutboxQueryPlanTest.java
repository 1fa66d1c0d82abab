package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.PlanningDatabase;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The dispatcher claims due callbacks through ix_outbox_due, however many have been delivered before. */
class OutboxQueryPlanTest {

    @Test
    void due_callbacks_are_claimed_through_the_due_index() throws Exception {
        try (PlanningDatabase db = PlanningDatabase.create("plans_outbox")) {
            Instant now = Instant.now();
            String plan = db.explain(DeliveryStore.CLAIM_DUE, now, now, 20);

            assertThat(plan).contains("ix_outbox_due").doesNotContain("Seq Scan");
        }
    }

    @Test
    void the_readiness_check_and_the_backlog_gauge_read_the_oldest_due_callback_through_the_due_index()
            throws Exception {
        try (PlanningDatabase db = PlanningDatabase.create("plans_outbox_backlog")) {
            String plan = db.explain(DispatchBacklog.OLDEST_DUE.replace("?1", "?"), Instant.now());

            assertThat(plan).contains("ix_outbox_due").doesNotContain("Seq Scan");
        }
    }
}
