package dev.signoff.sandbox.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

class WireProtocolTest extends StandInTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void errors_are_http_400_with_the_aws_json_error_shape() throws Exception {
        StartedExecution started = startExecution(3600);
        sfn.sendTaskSuccess(b -> b.taskToken(started.taskToken()).output("{}"));
        String body = JSON.createObjectNode()
                .put("taskToken", started.taskToken())
                .put("output", "{}")
                .toString();

        HttpResponse<String> response = post("AWSStepFunctions.SendTaskSuccess", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("__type").asText()).isEqualTo("com.amazonaws.swf.service.v2.model#TaskTimedOut");
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @Test
    void unknown_operation_gets_unknown_operation_exception() throws Exception {
        HttpResponse<String> unsupported = post("AWSStepFunctions.StartExecution", "{}");
        HttpResponse<String> foreign = post("AmazonSQS.SendMessage", "{}");

        for (HttpResponse<String> response : List.of(unsupported, foreign)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("__type").asText()).endsWith("#UnknownOperationException");
        }
        assertThat(standIn.calls()).extracting(CallRecord::outcome).containsOnly("UnknownOperationException");
    }

    @Test
    void body_that_is_not_a_json_object_gets_serialization_exception() throws Exception {
        HttpResponse<String> response = post("AWSStepFunctions.DescribeExecution", "[1,2");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("__type").asText()).endsWith("#SerializationException");
    }

    @Test
    void concurrent_success_calls_with_one_token_apply_exactly_once() throws Exception {
        StartedExecution started = startExecution(3600);
        int callers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                String output = "{\"caller\":" + i + "}";
                Callable<String> call = () -> {
                    go.await();
                    try {
                        sfn.sendTaskSuccess(
                                b -> b.taskToken(started.taskToken()).output(output));
                        return "applied";
                    } catch (TaskTimedOutException e) {
                        return "timed-out";
                    }
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }

            assertThat(outcomes).containsOnlyOnce("applied").hasSize(callers);
            assertThat(standIn.execution(started.executionArn()).orElseThrow().eventTypes())
                    .filteredOn("TaskSucceeded"::equals)
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> post(String target, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(standIn.endpoint())
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
