package dev.signoff.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.review.ReviewTask;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.Fault;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.MutableClock;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The backstop for missed end events, with the events queue's forwarding off (the stand-in's default in tests): only
 * the sweep's DescribeExecution can find out that an execution ended.
 */
@QuarkusTest
@TestProfile(ReconciliationTestProfile.class)
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class ReconciliationTest {

    private static final int PER_ROUND = ReconciliationTestProfile.RATE; // rate x a 1 s interval

    @Inject
    SqsClient sqs;

    @Inject
    SfnClient sfn;

    @Inject
    Reconciliation reconciliation;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    private final MutableClock clock = StepFunctionsTestResource.clock();
    private final StepFunctionsStandIn standIn = StepFunctionsTestResource.standIn();

    /** Each test counts its own tasks: whatever an earlier one left waiting is taken out of the sweep's way. */
    @BeforeEach
    void nothingElseWaits() {
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery("update review_task set status = 'CANCELLED' where status = 'PENDING'")
                        .executeUpdate());
        nextInterval();
    }

    @AfterEach
    void clearFaults() {
        standIn.clearFaults();
    }

    @Test
    void aborted_executions_with_events_off_are_closed_by_the_sweep_within_its_rate() {
        List<StartedExecution> aborted = List.of(startWaiting(), startWaiting(), startWaiting());
        List<UUID> tasks = aborted.stream().map(ReviewTasks::awaitTask).toList();
        aborted.forEach(
                e -> sfn.stopExecution(r -> r.executionArn(e.executionArn()).error("Ops.Stopped")));
        long describedBefore = describeCalls();

        assertThat(reconciliation.round())
                .as("a round checks at most rate x interval")
                .isEqualTo(PER_ROUND);
        assertThat(describeCalls() - describedBefore).isEqualTo(PER_ROUND);
        assertThat(tasks.stream().filter(t -> ReviewTasks.statusOf(t) == TaskStatus.CANCELLED))
                .hasSize(PER_ROUND);
        assertThat(reconciliation.round())
                .as("the interval's budget is spent, by whichever instance spent it")
                .isZero();

        nextInterval();
        assertThat(reconciliation.round()).isEqualTo(1);
        assertThat(describeCalls() - describedBefore).isEqualTo(3);
        for (UUID task : tasks) {
            ReviewTask closed = task(task);
            assertThat(closed.status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(closed.statusReason()).startsWith("The execution ended (ABORTED at ");
            assertThat(closed.executionStatus()).isEqualTo("ABORTED");
        }
    }

    @Test
    void two_instances_running_rounds_at_once_share_one_budget_and_never_ask_about_the_same_task_twice() {
        List<StartedExecution> aborted = List.of(startWaiting(), startWaiting(), startWaiting());
        aborted.forEach(ReviewTasks::awaitTask);
        aborted.forEach(
                e -> sfn.stopExecution(r -> r.executionArn(e.executionArn()).error("Ops.Stopped")));
        long describedBefore = describeCalls();

        // The bean stands for two instances: their rounds share nothing but the database.
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(reconciliation::round);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(reconciliation::round);

        assertThat(first.join() + second.join()).isEqualTo(PER_ROUND);
        assertThat(describeCalls() - describedBefore).isEqualTo(PER_ROUND);
    }

    @Test
    void a_running_execution_is_left_waiting_with_its_status_on_the_stalled_list() {
        StartedExecution running = startWaiting();
        UUID taskId = ReviewTasks.awaitTask(running);

        assertThat(reconciliation.round()).isEqualTo(1);

        ReviewTask checked = task(taskId);
        assertThat(checked.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(checked.executionStatus()).isEqualTo("RUNNING");
        assertThat(checked.executionCheckedAt()).isNotNull();
        String page = given().auth()
                .preemptive()
                .basic("admin", "admin")
                .get("/admin/stalled")
                .asString();
        assertThat(page).contains("execution-RUNNING");
    }

    @Test
    void a_throttled_describe_execution_is_tried_again_in_a_later_round() {
        StartedExecution aborted = startWaiting();
        UUID taskId = ReviewTasks.awaitTask(aborted);
        sfn.stopExecution(r -> r.executionArn(aborted.executionArn()).error("Ops.Stopped"));
        // More throttles than the SDK retries on its own: the round's one check fails.
        standIn.injectFault("DescribeExecution", Fault.throttling(10));

        assertThat(reconciliation.round()).isEqualTo(1);
        ReviewTask stillWaiting = task(taskId);
        assertThat(stillWaiting.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(stillWaiting.executionStatus()).as("nothing learnt").isNull();

        standIn.clearFaults();
        nextInterval();
        assertThat(reconciliation.round()).isEqualTo(1);
        assertThat(task(taskId).status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void a_review_whose_execution_step_functions_does_not_know_is_cancelled_with_that_reason() {
        UUID taskId = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery("insert into review_task (id, token_hash, token_ciphertext, execution_arn,"
                                + " title, request_json, status, received_at, version) values (?1, ?2, 'sealed', ?3,"
                                + " 'Orphan', '{}', 'PENDING', ?4, 0)")
                        .setParameter(1, taskId)
                        .setParameter(2, taskId.toString().replace("-", ""))
                        .setParameter(
                                3,
                                "arn:aws:states:" + StepFunctionsStandIn.REGION + ":" + StepFunctionsStandIn.ACCOUNT_ID
                                        + ":execution:gone:" + taskId)
                        .setParameter(4, clock.instant())
                        .executeUpdate());

        assertThat(reconciliation.round()).isEqualTo(1);

        ReviewTask orphan = task(taskId);
        assertThat(orphan.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(orphan.statusReason())
                .startsWith("Step Functions does not know the execution (ExecutionDoesNotExist");
        assertThat(orphan.executionStatus()).isEqualTo(Reconciliation.DOES_NOT_EXIST);
    }

    private StartedExecution startWaiting() {
        return Workflows.start(sqs, queueUrl, 3600);
    }

    /** Past the sweep's interval on the app's clock: a fresh budget. */
    private void nextInterval() {
        clock.advance(Duration.ofSeconds(2));
    }

    private long describeCalls() {
        return standIn.calls().stream()
                .filter(c -> c.operation().equals("DescribeExecution"))
                .count();
    }

    private static ReviewTask task(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewTask.<ReviewTask>findById(id));
    }
}
