package dev.signoff.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.PlanningDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit page and exports read 300,000 events through an index for every filter, never a sequential scan and
 * never a sort of the whole trail: each page costs what the first does.
 */
class AuditQueryPlanTest {

    private static final Pattern PARAMETER = Pattern.compile("\\?(\\d+)");
    private static final Instant NEWEST = Instant.parse("9999-12-31T23:59:59Z");
    private static PlanningDatabase db;

    @BeforeAll
    static void create() throws Exception {
        db = PlanningDatabase.create("plans_audit");
        // Three events per task (received over ten weeks), by 500 people and Signoff itself, of a dozen types.
        db.execute(
                "insert into audit_event (id, at, actor, task_id, type, detail)"
                        + " select gen_random_uuid(), t.received_at + g * interval '1 minute',"
                        + " case when g = 1 then 'signoff' else 'user-' || (abs(hashtext(t.id::text)) % 500) end,"
                        + " t.id, (array['TASK_OPENED','VIEWED','CLAIMED','RELEASED','COMMENTED','DECIDED',"
                        + "'CALLBACK_DELIVERED','CALLBACK_FAILED','SIGNED_IN','REASSIGNED','TASK_EXPIRED',"
                        + "'CALLBACK_RETRY'])[1 + (abs(hashtext(t.id::text)) + g) % 12], 'detail'"
                        + " from review_task t cross join generate_series(1, 3) as g",
                "analyze audit_event");
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
    }

    @Test
    void every_filter_pages_through_an_index() throws Exception {
        UUID task = UUID.randomUUID();
        Instant from = Instant.now().minusSeconds(86_400 * 7);
        Instant to = Instant.now().minusSeconds(86_400);
        Object[] first = {51, NEWEST, new UUID(-1L, -1L)};

        assertThat(assertInOrder(AuditTrail.sql(AuditFilter.ALL), first)).contains("ix_audit_at");
        assertThat(assertInOrder(
                        AuditTrail.sql(new AuditFilter(null, "user-7", null, null, null)), with(first, "user-7")))
                .contains("ix_audit_actor");
        assertThat(assertInOrder(
                        AuditTrail.sql(new AuditFilter(null, null, "DECIDED", null, null)), with(first, "DECIDED")))
                .contains("ix_audit_type");
        // A task's few events are sorted after the index finds them; every other filter reads in index order.
        assertThat(assertIndexed(AuditTrail.sql(new AuditFilter(task, null, null, null, null)), with(first, task)))
                .contains("ix_audit_task");
        assertInOrder(AuditTrail.sql(new AuditFilter(null, null, null, from, to)), with(first, from, to));
        assertInOrder(
                AuditTrail.sql(new AuditFilter(null, "user-7", "VIEWED", from, to)),
                with(first, "user-7", "VIEWED", from, to));
        // A page deep in the trail: the keyset starts the index scan there.
        assertInOrder(
                AuditTrail.sql(AuditFilter.ALL),
                AuditTrail.EXPORT_BATCH,
                Instant.now().minusSeconds(86_400 * 200),
                UUID.randomUUID());
    }

    private static String assertInOrder(String sql, Object... numbered) throws Exception {
        String plan = assertIndexed(sql, numbered);
        assertThat(plan).as(sql).doesNotContainPattern("(?m)(^|->)\\s*(Incremental )?Sort ");
        return plan;
    }

    private static Object[] with(Object[] keyset, Object... more) {
        List<Object> all = new ArrayList<>(List.of(keyset));
        all.addAll(List.of(more));
        return all.toArray();
    }

    /** Binds JPA's numbered parameters (?1, ?2, ...) in the order they appear, as plain JDBC ones. */
    private static String assertIndexed(String sql, Object... numbered) throws Exception {
        List<Object> bound = new ArrayList<>();
        Matcher m = PARAMETER.matcher(sql);
        while (m.find()) {
            bound.add(numbered[Integer.parseInt(m.group(1)) - 1]);
        }
        String plan = db.explain(PARAMETER.matcher(sql).replaceAll("?"), bound.toArray());
        assertThat(plan).as(sql).contains("ix_audit_").doesNotContain("Seq Scan on audit_event");
        return plan;
    }
}
