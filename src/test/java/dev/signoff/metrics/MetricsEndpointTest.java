package dev.signoff.metrics;

import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.Fault;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.WaitForTaskTokenTask;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.MutableClock;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** /q/metrics on the management interface exposes every series docs/operations.md names, with values that add up. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class MetricsEndpointTest {

    static final List<String> SERIES = List.of(
            "signoff_tasks_waiting",
            "signoff_tasks_oldest_waiting_age_seconds",
            "signoff_intake_requests_total",
            "signoff_quarantine_open",
            "signoff_dispatch_latency_seconds_bucket",
            "signoff_dispatch_latency_seconds_count",
            "signoff_dispatch_failures_total",
            "signoff_dispatch_backlog_age_seconds",
            "signoff_heartbeat_lag_seconds",
            "signoff_stepfunctions_calls_total",
            "signoff_stepfunctions_throttles_total",
            "signoff_stepfunctions_rate_limited_total",
            "signoff_stepfunctions_rate_allowed",
            "signoff_dlq_depth");

    private static final Map<String, String> STORED = Map.of("result", "stored");
    private static final Map<String, String> QUARANTINED = Map.of("result", "quarantined");
    private static final Map<String, String> SUCCESS_CALLS =
            Map.of("operation", "SendTaskSuccess", "result", "success");
    private static final Map<String, String> SUCCESS_THROTTLES = Map.of("operation", "SendTaskSuccess");

    @Inject
    SqsClient sqs;

    @Inject
    BacklogGauges gauges;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    private final MutableClock clock = StepFunctionsTestResource.clock();

    @AfterEach
    void clearFaults() {
        StepFunctionsTestResource.standIn().clearFaults();
    }

    @Test
    void a_stored_and_a_quarantined_request_each_move_the_intake_counter_under_their_result() {
        Scrape before = Scrape.now();

        awaitTask(Workflows.start(sqs, queueUrl, 3600));
        StartedExecution invalid = Workflows.start(sqs, queueUrl, 3600, body -> body.remove("title"));
        await().until(() -> Workflows.execution(invalid.executionArn()).status() == ExecutionStatus.FAILED);

        await().untilAsserted(() -> {
            Scrape after = Scrape.now();
            assertThat(after.valueOrZero("signoff_intake_requests_total", STORED)
                            - before.valueOrZero("signoff_intake_requests_total", STORED))
                    .isEqualTo(1);
            assertThat(after.valueOrZero("signoff_intake_requests_total", QUARANTINED)
                            - before.valueOrZero("signoff_intake_requests_total", QUARANTINED))
                    .isEqualTo(1);
        });
    }

    @Test
    void a_delivered_decision_records_its_dispatch_latency_and_a_throttled_attempt_counts_as_a_throttle() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        Scrape before = Scrape.now();
        // One throttle: the SDK retries it by itself, so only the SDK's per-attempt metrics can see it.
        StepFunctionsTestResource.standIn().injectFault("SendTaskSuccess", Fault.throttling(1));

        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);

        Scrape after = Scrape.now();
        assertThat(after.value("signoff_dispatch_latency_seconds_count")
                        - before.valueOrZero("signoff_dispatch_latency_seconds_count", Map.of()))
                .isEqualTo(1);
        assertThat(after.value("signoff_dispatch_latency_seconds_max")).isGreaterThan(0);
        assertThat(after.valueOrZero("signoff_stepfunctions_throttles_total", SUCCESS_THROTTLES)
                        - before.valueOrZero("signoff_stepfunctions_throttles_total", SUCCESS_THROTTLES))
                .isEqualTo(1);
        assertThat(after.valueOrZero("signoff_stepfunctions_calls_total", SUCCESS_CALLS)
                        - before.valueOrZero("signoff_stepfunctions_calls_total", SUCCESS_CALLS))
                .isEqualTo(1);
    }

    @Test
    void a_callback_refused_for_good_counts_as_a_dispatch_failure() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = awaitTask(execution);
        Map<String, String> failed = Map.of("result", "failed");
        Scrape before = Scrape.now();
        StepFunctionsTestResource.standIn().injectFault("SendTaskSuccess", Fault.reject("ValidationException", 400, 1));

        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERY_FAILED);

        assertThat(Scrape.now().valueOrZero("signoff_dispatch_failures_total", failed)
                        - before.valueOrZero("signoff_dispatch_failures_total", failed))
                .isEqualTo(1);
    }

    @Test
    void the_backlog_gauges_show_what_waits_by_workflow_how_long_and_how_late_its_heartbeat_is() {
        String workflow = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        WaitForTaskTokenTask task =
                WaitForTaskTokenTask.of(workflow, "HumanReview", 3600).withHeartbeatSeconds(600);
        StartedExecution execution = StepFunctionsTestResource.standIn()
                .startWaitingExecution(
                        task,
                        sqs,
                        queueUrl,
                        context -> Workflows.request(context)
                                .put("heartbeatSeconds", 600)
                                .toString());
        awaitTask(execution);
        StartedExecution invalid = Workflows.start(sqs, queueUrl, 3600, body -> body.remove("title"));
        await().until(() -> Workflows.execution(invalid.executionArn()).status() == ExecutionStatus.FAILED);
        clock.advance(Duration.ofMinutes(5));

        gauges.refresh();

        Scrape scrape = Scrape.now();
        assertThat(scrape.value("signoff_tasks_waiting", Map.of("workflow", workflow)))
                .hasValue(1);
        // Waiting since before the 5 minutes; its first heartbeat was due after a third of 600 s, 200 s ago at most.
        assertThat(scrape.value("signoff_tasks_oldest_waiting_age_seconds")).isGreaterThanOrEqualTo(300);
        assertThat(scrape.value("signoff_heartbeat_lag_seconds")).isGreaterThanOrEqualTo(100);
        assertThat(scrape.value("signoff_quarantine_open")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("signoff_dlq_depth")).isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("signoff_dispatch_backlog_age_seconds")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void every_named_series_is_exposed_and_no_token_or_request_text_is_in_any_label() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, body -> body.put("summary", "MARK-IN-BODY"));
        UUID taskId = awaitTask(execution);
        assertThat(decide("reviewer", taskId, "approve").statusCode()).isEqualTo(200);
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);
        gauges.refresh();

        String text = Scrape.now().text();

        for (String series : SERIES) {
            assertThat(text).as(series).containsPattern("(?m)^" + series + "[{ ]");
        }
        assertThat(text).doesNotContain(execution.taskToken()).doesNotContain("MARK-IN-BODY");
    }

    @Test
    void health_and_the_api_description_stay_on_the_app_port() {
        given().get("/q/health/live").then().statusCode(200);
        given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/q/openapi")
                .then()
                .statusCode(200);
    }

    @Test
    void the_app_port_does_not_serve_metrics_even_to_an_admin() {
        given().auth()
                .preemptive()
                .basic("admin", "admin")
                .get("/q/metrics")
                .then()
                .statusCode(404);
    }
}
