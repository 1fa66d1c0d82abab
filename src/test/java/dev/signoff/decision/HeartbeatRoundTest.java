package dev.signoff.decision;

import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.callbacksFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.CallRecord;
import dev.signoff.sandbox.stepfunctions.Fault;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import dev.signoff.sandbox.stepfunctions.WaitForTaskTokenTask;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.MutableClock;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class HeartbeatRoundTest {

    @Inject
    SqsClient sqs;

    @Inject
    TaskUpkeep upkeep;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @ConfigProperty(name = "signoff.callbacks.heartbeat-threads")
    int heartbeatThreads;

    private final MutableClock clock = StepFunctionsTestResource.clock();
    private final StepFunctionsStandIn standIn = StepFunctionsTestResource.standIn();

    @AfterEach
    void clearFaults() {
        standIn.clearFaults();
    }

    @Test
    void a_slow_endpoint_holds_up_only_its_own_heartbeat_as_the_round_sends_them_side_by_side() {
        List<StartedExecution> waiting = new ArrayList<>();
        for (int i = 0; i < heartbeatThreads + 2; i++) {
            waiting.add(startHeartbeating());
        }
        waiting.forEach(execution -> awaitTask(execution));
        clock.advance(Duration.ofSeconds(21)); // a third of HeartbeatSeconds: every one of them is due
        // Every heartbeat lands, then its answer waits: what the round has in flight at once is what the stand-in
        // holds.
        standIn.injectFault("SendTaskHeartbeat", Fault.slowResponse(Duration.ofMinutes(1), waiting.size()));

        CompletableFuture<Void> round = CompletableFuture.runAsync(upkeep::sendHeartbeats);
        await().until(() -> standIn.slowCallsHeld() == heartbeatThreads);
        assertThat(round).as("the round waits for its heartbeats").isNotDone();
        assertThat(standIn.mostSlowCallsAtOnce())
                .as("no more at once than the pool")
                .isEqualTo(heartbeatThreads);
        await().until(() -> {
            standIn.releaseSlow();
            return round.isDone();
        });

        round.join();
        assertThat(waiting)
                .allSatisfy(execution -> assertThat(callbacksFor(execution))
                        .filteredOn(call -> call.operation().equals("SendTaskHeartbeat"))
                        .anyMatch(CallRecord::applied));
    }

    @Test
    void the_second_heartbeat_comes_early_by_a_fixed_share_of_the_interval_and_later_ones_a_full_interval_apart() {
        UUID taskId = awaitTask(startHeartbeating());
        upkeep.sendHeartbeats(); // the first one is due at once

        Duration firstGap = heartbeatGap(taskId);
        assertThat(firstGap).isGreaterThan(Duration.ofSeconds(10)).isLessThanOrEqualTo(Duration.ofSeconds(20));

        clock.advance(Duration.ofSeconds(21));
        upkeep.sendHeartbeats();
        assertThat(heartbeatGap(taskId)).isEqualTo(Duration.ofSeconds(20));
    }

    /** From the last heartbeat sent to the next one due. */
    private static Duration heartbeatGap(UUID taskId) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) Panache.getEntityManager()
                .createNativeQuery("select last_heartbeat_at, next_heartbeat_at from review_task where id = ?1")
                .setParameter(1, taskId)
                .getSingleResult());
        return Duration.between(instant(row[0]), instant(row[1]));
    }

    private static Instant instant(Object column) {
        if (column instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return column instanceof Instant at ? at : ((java.time.OffsetDateTime) column).toInstant();
    }

    private StartedExecution startHeartbeating() {
        return standIn.startWaitingExecution(
                WaitForTaskTokenTask.of("invoice-processing", "HumanReview", 3600)
                        .withHeartbeatSeconds(60),
                sqs,
                queueUrl,
                context ->
                        Workflows.request(context).put("heartbeatSeconds", 60).toString());
    }
}
