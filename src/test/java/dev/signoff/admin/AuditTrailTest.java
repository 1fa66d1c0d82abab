package dev.signoff.admin;

import static dev.signoff.testsupport.Patience.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import dev.signoff.web.CsvTable;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The admin audit page and its exports: filters, keyset paging, what the files hold, and who may read them. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class AuditTrailTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Inject
    AuditTrail trail;

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void each_filter_narrows_to_its_events_newest_first() {
        String actor = "filters-" + UUID.randomUUID();
        UUID task = UUID.randomUUID();
        UUID a = event(T0, actor, task, "COMMENTED", "first");
        UUID b = event(T0.plus(Duration.ofMinutes(10)), actor, null, "SIGNED_IN", "form sign-in");
        UUID c = event(T0.plus(Duration.ofMinutes(20)), actor, task, "DECIDED", "APPROVE");
        event(T0.plus(Duration.ofMinutes(5)), "someone-else-" + actor, task, "VIEWED", null);

        assertThat(ids(new AuditFilter(null, actor, null, null, null))).containsExactly(c, b, a);
        assertThat(ids(new AuditFilter(task, actor, null, null, null))).containsExactly(c, a);
        assertThat(ids(AuditFilter.of(null, actor, "decided", null, null))).containsExactly(c);
        // from inclusive, to exclusive
        assertThat(ids(AuditFilter.of(null, actor, null, "2026-03-01T12:10", "2026-03-01T12:20")))
                .containsExactly(b);
        assertThat(ids(AuditFilter.of(task.toString(), null, null, null, null))).hasSize(3);
    }

    @Test
    void pages_follow_each_other_newest_first_without_gaps_or_repeats() {
        String actor = "paging-" + UUID.randomUUID();
        List<UUID> written = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            // Two events share each instant, so the id breaks the tie between pages.
            written.add(event(T0.plusSeconds(i / 2), actor, null, "VIEWED", "n" + i));
        }
        AuditFilter filter = new AuditFilter(null, actor, null, null, null);
        Page<AuditEntry> first = trail.page(filter, null);
        assertThat(first.rows()).hasSize(50);
        assertThat(first.next()).isNotNull();
        Page<AuditEntry> second = trail.page(filter, first.next());
        assertThat(second.next()).isNull();
        List<AuditEntry> all = new ArrayList<>(first.rows());
        all.addAll(second.rows());
        assertThat(all).extracting(AuditEntry::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).at()).isBeforeOrEqualTo(all.get(i - 1).at());
        }

        String page = adminGet("/admin/audit?actor=" + actor).asString();
        assertThat(page)
                .contains("id=\"older\"")
                .contains("before=" + first.next().text());
        String older = adminGet("/admin/audit?actor=" + actor + "&before="
                        + first.next().text())
                .asString();
        assertThat(older).doesNotContain("id=\"older\"").contains("n0");
    }

    @Test
    void the_csv_export_parses_back_to_the_rows_with_formulas_neutralised() {
        String actor = "csv-" + UUID.randomUUID();
        UUID task = UUID.randomUUID();
        String awkward = "He said \"no\", then\nleft";
        event(T0, actor, task, "COMMENTED", awkward);
        event(T0.plusSeconds(1), actor, task, "COMMENTED", "=HYPERLINK(\"http://evil\",\"x\")");
        event(T0.plusSeconds(2), actor, task, "COMMENTED", "+1");
        event(T0.plusSeconds(3), actor, task, "COMMENTED", "-2");
        event(T0.plusSeconds(4), actor, null, "SIGNED_IN", "@SUM(A1)");

        Response csv = adminGet("/admin/audit/export.csv?actor=" + actor);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment; filename=\"signoff-audit-");
        CsvTable table = CsvTable.parse(csv.asString(), true, 100);
        assertThat(String.join(",", table.header())).isEqualTo("at,actor,actor_name,task_id,type,detail,id");
        assertThat(table.rows())
                .extracting(r -> r.get(5))
                .containsExactly("'@SUM(A1)", "'-2", "'+1", "'=HYPERLINK(\"http://evil\",\"x\")", awkward);
        assertThat(table.rows().get(4))
                .containsExactly(
                        T0.toString(),
                        actor,
                        "",
                        task.toString(),
                        "COMMENTED",
                        awkward,
                        table.rows().get(4).get(6));
        assertThat(table.rows().get(0).get(3)).isEmpty();
    }

    @Test
    void the_json_lines_export_has_one_event_per_line_and_reads_past_one_batch() throws Exception {
        String actor = "jsonl-" + UUID.randomUUID();
        int count = AuditTrail.EXPORT_BATCH + 3;
        insertMany(actor, count);
        event(T0.plus(Duration.ofDays(1)), actor, null, "COMMENTED", "line one\nline two");

        Response export = adminGet("/admin/audit/export.jsonl?actor=" + actor);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.header("Content-Disposition"))
                .startsWith("attachment;")
                .contains(".jsonl");
        String[] lines = export.asString().split("\n");
        assertThat(lines).hasSize(count + 1);
        JsonNode newest = Workflows.JSON.readTree(lines[0]);
        assertThat(newest.get("detail").asText()).isEqualTo("line one\nline two");
        assertThat(newest.get("actor").asText()).isEqualTo(actor);
        assertThat(newest.get("taskId").isNull()).isTrue();
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            ids.add(Workflows.JSON.readTree(line).get("id").asText());
        }
        assertThat(ids).hasSize(count + 1);
    }

    @Test
    void a_reviewed_task_is_exported_with_its_events_and_never_its_token() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);
        assertThat(given().auth()
                        .preemptive()
                        .basic("reviewer", "reviewer")
                        .get("/tasks/" + taskId)
                        .statusCode())
                .isEqualTo(200);
        assertThat(ReviewTasks.decide("reviewer", taskId, "approve").statusCode())
                .isEqualTo(200);
        await().until(() -> types(taskId).contains("CALLBACK_DELIVERED"));

        assertThat(types(taskId)).contains("TASK_OPENED", "VIEWED", "DECIDED", "CALLBACK_DELIVERED");
        String csv = adminGet("/admin/audit/export.csv?task=" + taskId).asString();
        String jsonl = adminGet("/admin/audit/export.jsonl?task=" + taskId).asString();
        String page = adminGet("/admin/audit?task=" + taskId).asString();
        for (String text : List.of(csv, jsonl, page)) {
            assertThat(text).contains(taskId.toString()).doesNotContain(execution.taskToken());
        }
    }

    @Test
    void a_form_sign_in_is_recorded_once_and_the_requests_of_its_session_are_not() {
        long before = signIns("reviewer2");
        Response signedIn = given().redirects()
                .follow(false)
                .formParam("j_username", "reviewer2")
                .formParam("j_password", "reviewer2")
                .post("/j_security_check");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String session = signedIn.cookie("quarkus-credential");
        assertThat(session).isNotNull();
        await().until(() -> signIns("reviewer2") == before + 1);
        for (int i = 0; i < 3; i++) {
            assertThat(given().cookie("quarkus-credential", session)
                            .redirects()
                            .follow(false)
                            .get("/inbox")
                            .statusCode())
                    .isEqualTo(200);
        }
        // A later sign-in by someone else is recorded too; by then reviewer2's session requests added nothing.
        long outsider = signIns("outsider");
        given().redirects()
                .follow(false)
                .formParam("j_username", "outsider")
                .formParam("j_password", "outsider")
                .post("/j_security_check");
        await().until(() -> signIns("outsider") == outsider + 1);
        assertThat(signIns("reviewer2")).isEqualTo(before + 1);
        String page = adminGet("/admin/audit?type=SIGNED_IN&actor=reviewer2").asString();
        assertThat(page).contains("Signed in").contains("form sign-in");
    }

    @Test
    void a_reviewer_gets_403_on_the_page_and_both_exports() {
        for (String path : List.of("/admin/audit", "/admin/audit/export.csv", "/admin/audit/export.jsonl")) {
            assertThat(given().auth()
                            .preemptive()
                            .basic("reviewer", "reviewer")
                            .redirects()
                            .follow(false)
                            .get(path)
                            .statusCode())
                    .as(path)
                    .isEqualTo(403);
        }
    }

    @Test
    void a_malformed_filter_is_refused_with_400() {
        for (String path : List.of(
                "/admin/audit?task=not-a-uuid",
                "/admin/audit?from=yesterday",
                "/admin/audit/export.csv?to=soon",
                "/admin/audit?before=nonsense")) {
            assertThat(adminGet(path).statusCode()).as(path).isEqualTo(400);
        }
    }

    private List<UUID> ids(AuditFilter filter) {
        return trail.page(filter, null).rows().stream().map(AuditEntry::id).toList();
    }

    private static Response adminGet(String path) {
        return given().auth().preemptive().basic("admin", "admin").get(path);
    }

    private static List<String> types(UUID taskId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createNativeQuery("select type from audit_event where task_id = ?1", String.class)
                        .setParameter(1, taskId)
                        .getResultList());
    }

    private static long signIns(String actor) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                                .createNativeQuery(
                                        "select count(*) from audit_event where type = 'SIGNED_IN' and actor = ?1")
                                .setParameter(1, actor)
                                .getSingleResult())
                        .longValue());
    }

    static UUID event(Instant at, String actor, UUID taskId, String type, String detail) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery("insert into audit_event (id, at, actor, task_id, type, detail)"
                                + " values (?1, ?2, ?3, ?4, ?5, ?6)")
                        .setParameter(1, id)
                        .setParameter(2, at.truncatedTo(ChronoUnit.MICROS))
                        .setParameter(3, actor)
                        .setParameter(4, taskId)
                        .setParameter(5, type)
                        .setParameter(6, detail)
                        .executeUpdate());
        return id;
    }

    private static void insertMany(String actor, int count) {
        for (int i = 0; i < count; i++) {
            event(T0.plusSeconds(i), actor, null, "VIEWED", "n" + i);
        }
    }
}
