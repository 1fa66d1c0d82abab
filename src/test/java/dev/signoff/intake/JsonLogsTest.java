package dev.signoff.intake;

import static dev.signoff.testsupport.Patience.await;
import static dev.signoff.testsupport.ReviewTasks.awaitTask;
import static dev.signoff.testsupport.ReviewTasks.decide;
import static dev.signoff.testsupport.ReviewTasks.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * With JSON logs on (docs/configuration.md, "Logs"), taking in a valid and an invalid request, deciding one and sending
 * both callbacks logs JSON lines only, at DEBUG too, and none of them carries a task token or any text of a request.
 */
@QuarkusTest
@TestProfile(JsonLogsTest.JsonLogs.class)
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class JsonLogsTest {

    static final Path LOG = Path.of("target/json-logs/signoff.log");

    /** The console in JSON as in production, and a copy of the same lines in a file the test can read. */
    public static class JsonLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.log.console.json.enabled", "true",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.json.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.category.\"dev.signoff\".level", "DEBUG");
        }
    }

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void intake_a_decision_and_the_callbacks_log_json_lines_with_no_token_and_no_request_text() throws Exception {
        long from = Files.exists(LOG) ? Files.size(LOG) : 0;
        String mark = "request-text-" + UUID.randomUUID();

        StartedExecution valid = Workflows.start(
                sqs,
                queueUrl,
                3600,
                body -> body.put("summary", mark + " summary").put("title", mark + " title"));
        UUID taskId = awaitTask(valid);
        StartedExecution invalid = Workflows.start(
                sqs,
                queueUrl,
                3600,
                body -> body.put("summary", mark + " summary").remove("title"));
        await().until(() -> Workflows.execution(invalid.executionArn()).status() == ExecutionStatus.FAILED);
        assertThat(decide("reviewer", taskId, Map.of("decision", "approve", "comment", mark + " comment"))
                        .statusCode())
                .isEqualTo(200);
        await().until(() -> statusOf(taskId) == TaskStatus.DELIVERED);

        List<String> lines = linesSince(from);
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("became task " + taskId));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Delivered callback"));
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            assertThat(entry.isObject()).as(line).isTrue();
            assertThat(entry.has("message")).as(line).isTrue();
            assertThat(line)
                    .doesNotContain(valid.taskToken())
                    .doesNotContain(invalid.taskToken())
                    .doesNotContain(mark);
        }
    }

    private static List<String> linesSince(long offset) throws Exception {
        byte[] all = Files.readAllBytes(LOG);
        String text = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
        return text.lines().filter(line -> !line.isBlank()).toList();
    }
}
