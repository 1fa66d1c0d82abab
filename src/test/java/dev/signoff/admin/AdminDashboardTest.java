package dev.signoff.admin;

import static dev.signoff.admin.AdminFixtures.callback;
import static dev.signoff.admin.AdminFixtures.column;
import static dev.signoff.admin.AdminFixtures.handled;
import static dev.signoff.admin.AdminFixtures.quarantined;
import static dev.signoff.admin.AdminFixtures.task;
import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.appliedCallbacks;
import static dev.signoff.testsupport.ReviewTasks.awaitClosed;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.audit.AuditEvent;
import dev.signoff.decision.OutboxEntry;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.Fault;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.MutableClock;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class AdminDashboardTest {

    @Inject
    AdminDashboard dashboard;

    @Inject
    AdminLists lists;

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.intake.dead-letter-queue-url")
    String deadLetterQueueUrl;

    private final MutableClock clock = StepFunctionsTestResource.clock();

    @AfterEach
    void clearFaults() {
        StepFunctionsTestResource.standIn().clearFaults();
    }

    @Test
    void each_tile_counts_its_fixtures_and_nothing_else() {
        Tiles before = dashboard.tiles();
        Instant now = clock.instant();
        Instant endOfToday = AdminDashboard.endOfToday(now);
        // Whole seconds: PostgreSQL keeps microseconds and rounds the rest.
        Instant longAgo = now.minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
        task("PENDING", longAgo, null, null, null);
        task("PENDING", now, now.minus(Duration.ofHours(1)), null, null); // overdue
        task("PENDING", now, now.plus(Duration.ofHours(1)), null, null); // due later: not overdue
        task("PENDING", now, null, now.plus(Duration.ofHours(1)), null); // near timeout
        task("PENDING", now, null, now.plus(Duration.ofHours(48)), null); // timeout beyond the 24 h window
        task("PENDING", now, null, null, endOfToday.minusSeconds(1)); // expiring today
        task("PENDING", now, null, null, endOfToday.plusSeconds(60)); // expiring tomorrow
        task("DECIDED", now, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), null); // not waiting
        callback("FAILED", now);
        callback("UNCONFIRMED", now);
        handled("outbox", callback("FAILED", now));
        callback("DELIVERED", now);
        quarantined(now, "{\"title\":\"\"}");
        quarantined(now, "not json");
        handled("quarantine", quarantined(now, "{}"));
        sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl).messageBody("dead letter 1"));
        sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl).messageBody("dead letter 2"));

        Tiles after = dashboard.tiles();

        assertThat(after.waiting() - before.waiting()).as("waiting").isEqualTo(7);
        assertThat(after.overdue() - before.overdue()).as("overdue").isEqualTo(1);
        assertThat(after.nearTimeout() - before.nearTimeout())
                .as("near timeout")
                .isEqualTo(1);
        assertThat(after.expiringToday() - before.expiringToday())
                .as("expiring today")
                .isEqualTo(1);
        assertThat(after.deliveryFailures() - before.deliveryFailures())
                .as("delivery failures")
                .isEqualTo(2);
        assertThat(after.quarantined() - before.quarantined()).as("quarantined").isEqualTo(2);
        assertThat(after.deadLetters().getAsLong() - before.deadLetters().getAsLong())
                .as("DLQ depth")
                .isEqualTo(2);
        assertThat(after.oldestWaitingSince()).isEqualTo(longAgo);
    }

    @Test
    void the_failure_and_quarantine_lists_page_newest_first_without_repeating_a_row() {
        Instant newest = clock.instant().plus(Duration.ofDays(3000));
        List<UUID> failed = new ArrayList<>();
        List<UUID> refused = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            failed.add(callback("FAILED", newest.minusSeconds(i)));
            refused.add(quarantined(newest.minusSeconds(i), "{}"));
        }
        try {
            Page<Failure> failures = lists.failures(null);
            Page<Failure> olderFailures = lists.failures(failures.next());
            Page<Quarantined> entries = lists.quarantine(null);
            Page<Quarantined> olderEntries = lists.quarantine(entries.next());

            assertThat(failures.rows()).extracting(Failure::id).containsExactlyElementsOf(failed.subList(0, 50));
            assertThat(olderFailures.rows().stream().map(Failure::id).limit(5))
                    .containsExactlyElementsOf(failed.subList(50, 55));
            assertThat(entries.rows()).extracting(Quarantined::id).containsExactlyElementsOf(refused.subList(0, 50));
            assertThat(olderEntries.rows().stream().map(Quarantined::id).limit(5))
                    .containsExactlyElementsOf(refused.subList(50, 55));
            assertThat(adminGet("/admin/failures").statusCode(200).extract().asString())
                    .contains("id=\"older\"", "before=" + failures.next().text());
            adminGet("/admin/quarantine?before=" + entries.next().text()).statusCode(200);
            adminGet("/admin/failures?before=yesterday").statusCode(400);
        } finally {
            failed.forEach(id -> handled("outbox", id));
            refused.forEach(id -> handled("quarantine", id));
        }
    }

    @Test
    void the_stalled_list_pages_by_keyset_longest_waiting_first_without_repeating_a_row() {
        Instant start = clock.instant().minus(Duration.ofDays(3000));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(task("PENDING", start.plusSeconds(i), null, null, null));
        }
        Stalled first = lists.stalled(StalledFilter.ALL, null, null);
        Stalled second = lists.stalled(StalledFilter.ALL, null, first.next());

        assertThat(first.rows()).hasSize(50);
        assertThat(first.rows().stream().map(Stalled.Row::id)).containsExactlyElementsOf(ids.subList(0, 50));
        assertThat(second.rows().stream().map(Stalled.Row::id).limit(10))
                .containsExactlyElementsOf(ids.subList(50, 60));
        assertThat(Cursor.parse(first.next().text())).isEqualTo(first.next());
    }

    @Test
    void retry_now_after_a_terminal_error_sends_exactly_one_callback_and_is_then_refused() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        StepFunctionsTestResource.standIn().injectFault("SendTaskSuccess", Fault.reject("ValidationException", 400, 1));
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERY_FAILED);
        UUID outboxId = outboxOf(taskId).id;
        assertThat(lists.failures(null).rows())
                .filteredOn(f -> f.id().equals(outboxId))
                .singleElement()
                .satisfies(f -> assertThat(f.retryable()).isTrue());

        Response retried = post("admin", "/admin/failures/" + outboxId + "/retry", "fixed the output schema");

        assertThat(retried.statusCode()).isEqualTo(303);
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);
        assertThat(awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
        assertThat(events(taskId, "CALLBACK_RETRIED")).singleElement().satisfies(e -> {
            assertThat(e.actor).isEqualTo("admin");
            assertThat(e.detail).isEqualTo("fixed the output schema");
        });
        assertThat(post("admin", "/admin/failures/" + outboxId + "/retry", "again")
                        .statusCode())
                .as("a delivered decision is never sent twice")
                .isEqualTo(409);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void retry_is_not_offered_nor_accepted_once_the_execution_is_known_to_have_ended() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        StepFunctionsTestResource.standIn().injectFault("SendTaskSuccess", Fault.reject("ValidationException", 400, 1));
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERY_FAILED);
        UUID outboxId = outboxOf(taskId).id;
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery(
                                "insert into ended_execution (execution_arn, status, stop_date, event_id, received_at)"
                                        + " values (?1, 'ABORTED', ?2, 'fixture', ?2)")
                        .setParameter(1, execution.executionArn())
                        .setParameter(2, clock.instant())
                        .executeUpdate());

        assertThat(lists.failures(null).rows())
                .filteredOn(f -> f.id().equals(outboxId))
                .singleElement()
                .satisfies(f -> assertThat(f.retryBlocker()).isEqualTo("its execution has ended"));
        Response refused = post("admin", "/admin/failures/" + outboxId + "/retry", "try anyway");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.asString()).contains("its execution has ended");
        assertThat(column("outbox", "status", outboxId)).isEqualTo("FAILED");
        assertThat(statusOf(taskId)).isEqualTo(TaskStatus.DELIVERY_FAILED);
        assertThat(appliedCallbacks(execution)).isZero();
    }

    @Test
    void mark_handled_needs_a_note_and_records_it_with_the_admin_in_the_audit_trail() {
        UUID outboxId = callback("FAILED", clock.instant());

        assertThat(post("admin", "/admin/failures/" + outboxId + "/handled", " ")
                        .statusCode())
                .isEqualTo(409);
        assertThat(column("outbox", "handled_at", outboxId)).isNull();

        Response done = post("admin", "/admin/failures/" + outboxId + "/handled", "answered by hand in the console");

        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(column("outbox", "handled_note", outboxId)).isEqualTo("answered by hand in the console");
        assertThat(column("outbox", "handled_by", outboxId)).isEqualTo("admin");
        assertThat(lists.failures(null).rows()).noneMatch(f -> f.id().equals(outboxId));
        assertThat(events(null, "CALLBACK_HANDLED")).anySatisfy(e -> {
            assertThat(e.actor).isEqualTo("admin");
            assertThat(e.actorName).isEqualTo("Ada Admin");
            assertThat(e.detail).isEqualTo("answered by hand in the console");
        });
        assertThat(post("admin", "/admin/failures/" + outboxId + "/handled", "twice")
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void dismiss_takes_a_quarantined_request_off_the_list_with_the_note_audited() {
        UUID id = quarantined(clock.instant(), "{\"title\":\"\"}");

        assertThat(post("admin", "/admin/quarantine/" + id + "/dismiss", "").statusCode())
                .isEqualTo(409);
        Response done = post("admin", "/admin/quarantine/" + id + "/dismiss", "sender fixed, not needed");

        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(column("quarantine", "handled_note", id)).isEqualTo("sender fixed, not needed");
        assertThat(lists.quarantine(null).rows()).noneMatch(q -> q.id().equals(id));
        assertThat(events(null, "QUARANTINE_DISMISSED"))
                .anySatisfy(e -> assertThat(e.detail).contains(id.toString()).contains("sender fixed"));
    }

    @Test
    void a_reviewer_gets_403_on_every_admin_page_and_action_and_changes_nothing() {
        UUID outboxId = callback("FAILED", clock.instant());
        UUID quarantineId = quarantined(clock.instant(), "{}");
        for (String path : List.of(
                "/admin", "/admin/stalled", "/admin/stalled?only=overdue", "/admin/failures", "/admin/quarantine")) {
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
        assertThat(post("reviewer", "/admin/failures/" + outboxId + "/retry", "x")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("reviewer", "/admin/failures/" + outboxId + "/handled", "x")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("reviewer", "/admin/quarantine/" + quarantineId + "/dismiss", "x")
                        .statusCode())
                .isEqualTo(403);
        assertThat(column("outbox", "status", outboxId)).isEqualTo("FAILED");
        assertThat(column("outbox", "handled_at", outboxId)).isNull();
        assertThat(column("quarantine", "handled_at", quarantineId)).isNull();
    }

    @Test
    void an_admin_sees_the_dashboard_and_its_lists() {
        for (String path : List.of(
                "/admin",
                "/admin/stalled",
                "/admin/stalled?only=near-timeout",
                "/admin/failures",
                "/admin/quarantine")) {
            assertThat(given().auth()
                            .preemptive()
                            .basic("admin", "admin")
                            .get(path)
                            .statusCode())
                    .as(path)
                    .isEqualTo(200);
        }
        assertThat(given().auth()
                        .preemptive()
                        .basic("admin", "admin")
                        .get("/admin/stalled?after=nonsense")
                        .statusCode())
                .isEqualTo(400);
    }

    private static ValidatableResponse adminGet(String path) {
        return given().auth().preemptive().basic("admin", "admin").get(path).then();
    }

    private static Response post(String user, String path, String note) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .redirects()
                .follow(false)
                .formParam("note", note)
                .post(path);
    }

    private static OutboxEntry outboxOf(UUID taskId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> OutboxEntry.<OutboxEntry>find("taskId", taskId).singleResult());
    }

    private static List<AuditEvent> events(UUID taskId, String type) {
        return QuarkusTransaction.requiringNew()
                .call(() -> taskId == null
                        ? AuditEvent.<AuditEvent>list("type", type)
                        : AuditEvent.<AuditEvent>list("taskId = ?1 and type = ?2", taskId, type));
    }
}
