package dev.signoff.admin;

import static dev.signoff.admin.AdminFixtures.column;
import static dev.signoff.admin.AdminFixtures.quarantined;
import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.appliedCallbacks;
import static dev.signoff.testsupport.ReviewTasks.awaitClosed;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static dev.signoff.testsupport.ReviewTasks.taskOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.audit.AuditEvent;
import dev.signoff.decision.OutboxEntry;
import dev.signoff.review.ReviewTask;
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
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Re-process of a quarantined request whose Signoff.InvalidRequest never landed. The parser takes no configuration, so
 * the "fix" is stood in for by rewriting the stored body to what a fixed Signoff would accept.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ReprocessTest {

    @Inject
    SqsClient sqs;

    @Inject
    AdminLists lists;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    private final MutableClock clock = StepFunctionsTestResource.clock();

    @AfterEach
    void clearFaults() {
        StepFunctionsTestResource.standIn().clearFaults();
    }

    @Test
    void reprocess_of_a_fixed_request_creates_exactly_one_task_even_when_two_admins_press_at_once() throws Exception {
        StartedExecution execution = quarantinedWithFailedCallback();
        UUID quarantineId = quarantineOf(execution);
        assertThat(column("quarantine", "token_ciphertext", quarantineId))
                .as("kept sealed, never in clear")
                .asString()
                .startsWith("v2:")
                .doesNotContain(execution.taskToken());
        assertThat(lists.quarantine(null).rows())
                .filteredOn(q -> q.id().equals(quarantineId))
                .singleElement()
                .satisfies(q -> assertThat(q.reprocessable()).isTrue());
        fixStoredTitle(quarantineId);

        List<Integer> statuses = pressTogether(quarantineId, 2);

        assertThat(statuses).containsExactlyInAnyOrder(303, 409);
        assertThat(tasksOf(execution)).isEqualTo(1);
        UUID taskId = taskOf(execution.executionArn()).id;
        assertThat(post("admin", quarantineId, "again").statusCode()).isEqualTo(409);
        assertThat(tasksOf(execution)).isEqualTo(1);
        assertThat(lists.quarantine(null).rows()).noneMatch(q -> q.id().equals(quarantineId));
        assertThat(column("quarantine", "handled_note", quarantineId))
                .asString()
                .contains("re-processed into task " + taskId);
        OutboxEntry invalid = invalidRequestOf(quarantineId);
        assertThat(column("outbox", "handled_at", invalid.id))
                .as("the failed Signoff.InvalidRequest can no longer be retried")
                .isNotNull();
        assertThat(lists.failures(null).rows()).noneMatch(f -> f.id().equals(invalid.id));
        assertThat(events("QUARANTINE_REPROCESSED"))
                .anySatisfy(e -> assertThat(e.taskId).isEqualTo(taskId));

        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);
        assertThat(awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(appliedCallbacks(execution)).isEqualTo(1);
    }

    @Test
    void reprocess_of_a_request_still_invalid_keeps_it_quarantined_with_the_reasons_read_now() {
        StartedExecution execution = quarantinedWithFailedCallback();
        UUID quarantineId = quarantineOf(execution);
        sql("update quarantine set reason = 'title: refused by an older Signoff' where id = ?1", quarantineId);

        Response done = post("admin", quarantineId, "after the 1.4 upgrade");

        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.header("Location")).contains("/admin/quarantine?done=still-invalid");
        assertThat(tasksOf(execution)).isZero();
        assertThat(lists.quarantine(null).rows())
                .filteredOn(q -> q.id().equals(quarantineId))
                .singleElement()
                .satisfies(q -> {
                    assertThat(q.reason()).startsWith("title").isNotEqualTo("title: refused by an older Signoff");
                    assertThat(q.reprocessable()).isTrue();
                });
        assertThat(events("QUARANTINE_REPROCESSED"))
                .anySatisfy(e -> assertThat(e.detail).contains(quarantineId.toString(), "still invalid"));
        assertThat(Workflows.execution(execution.executionArn()).status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void reprocess_is_refused_with_why_once_the_execution_was_failed_or_no_token_was_kept() {
        StartedExecution failed = Workflows.start(sqs, queueUrl, 3600, body -> body.put("title", ""));
        await().until(() -> quarantineOf(failed) != null);
        UUID failedId = quarantineOf(failed);
        await().until(() -> invalidRequestOf(failedId).status == OutboxEntry.Status.DELIVERED);
        UUID old = quarantined(clock.instant(), "{\"title\":\"\"}");

        assertThat(lists.quarantine(null).rows())
                .filteredOn(q -> q.id().equals(failedId))
                .singleElement()
                .satisfies(q -> assertThat(q.reprocessBlocker())
                        .isEqualTo("the execution was already failed with Signoff.InvalidRequest"));
        Response refused = post("admin", failedId, "try");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.asString()).contains("already failed with Signoff.InvalidRequest");
        assertThat(post("admin", old, "try").statusCode()).isEqualTo(409);
        assertThat(lists.quarantine(null).rows())
                .filteredOn(q -> q.id().equals(old))
                .singleElement()
                .satisfies(q -> assertThat(q.reprocessable()).isFalse());
        assertThat(post("reviewer", failedId, "try").statusCode()).isEqualTo(403);
        assertThat(tasksOf(failed)).isZero();
        assertThat(column("quarantine", "handled_at", failedId)).isNull();
    }

    /** An invalid request (empty title) whose Signoff.InvalidRequest Step Functions refused for good. */
    private StartedExecution quarantinedWithFailedCallback() {
        StepFunctionsTestResource.standIn().injectFault("SendTaskFailure", Fault.reject("ValidationException", 400, 1));
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> body.put("title", ""));
        await().until(() -> quarantineOf(execution) != null);
        UUID quarantineId = quarantineOf(execution);
        await().until(() -> invalidRequestOf(quarantineId).status == OutboxEntry.Status.FAILED);
        return execution;
    }

    private static void fixStoredTitle(UUID quarantineId) throws Exception {
        ObjectNode body = (ObjectNode) Workflows.JSON.readTree((String) column("quarantine", "body", quarantineId));
        body.put("title", "Invoice INV-4711: confirm low-confidence fields");
        sql("update quarantine set body = ?2 where id = ?1", quarantineId, body.toString());
    }

    private static List<Integer> pressTogether(UUID quarantineId, int admins) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        try {
            List<Future<Integer>> presses = new ArrayList<>();
            for (int i = 0; i < admins; i++) {
                presses.add(pool.submit(() -> {
                    go.await();
                    return post("admin", quarantineId, "contract fixed").statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> press : presses) {
                statuses.add(press.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

    private static UUID quarantineOf(StartedExecution execution) {
        String hash = Workflows.execution(execution.executionArn()).taskTokenSha256();
        List<?> ids = QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createNativeQuery("select id from quarantine where token_hash = ?1")
                        .setParameter(1, hash)
                        .getResultList());
        return ids.isEmpty() ? null : (UUID) ids.get(0);
    }

    private static OutboxEntry invalidRequestOf(UUID quarantineId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> OutboxEntry.<OutboxEntry>find("quarantineId", quarantineId)
                        .singleResult());
    }

    private static long tasksOf(StartedExecution execution) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewTask.count("executionArn", execution.executionArn()));
    }

    private static void sql(String statement, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = Panache.getEntityManager().createNativeQuery(statement);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            query.executeUpdate();
        });
    }

    private static List<AuditEvent> events(String type) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>list("type", type));
    }

    private static Response post(String user, UUID quarantineId, String note) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .redirects()
                .follow(false)
                .formParam("note", note)
                .post("/admin/quarantine/" + quarantineId + "/reprocess");
    }
}
