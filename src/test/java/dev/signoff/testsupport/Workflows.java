package dev.signoff.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.TaskContext;
import dev.signoff.sandbox.stepfunctions.WaitForTaskTokenTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts simulated executions that wait for Signoff, the way a state machine's waitForTaskToken Task would: the
 * stand-in mints the token and sends the message built from the fixture request plus the execution's context.
 */
public final class Workflows {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Workflows() {}

    /** The fixture request (src/test/resources/requests/invoice-review.json) with the context filled in. */
    public static ObjectNode request(TaskContext context) {
        try (InputStream in = Workflows.class.getResourceAsStream("/requests/invoice-review.json")) {
            ObjectNode body = (ObjectNode) JSON.readTree(in);
            body.put("taskToken", context.taskToken());
            body.put("executionArn", context.executionArn());
            body.put("stateMachineArn", context.stateMachineArn());
            body.put("stateName", context.stateName());
            body.put("enteredAt", context.enteredAt().toString());
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StartedExecution start(SqsClient sqs, String queueUrl, long timeoutSeconds) {
        return start(sqs, queueUrl, timeoutSeconds, body -> {});
    }

    public static StartedExecution start(
            SqsClient sqs, String queueUrl, long timeoutSeconds, Consumer<ObjectNode> customize) {
        WaitForTaskTokenTask task = WaitForTaskTokenTask.of("invoice-processing", "HumanReview", timeoutSeconds);
        return StepFunctionsTestResource.standIn().startWaitingExecution(task, sqs, queueUrl, context -> {
            ObjectNode body = request(context);
            customize.accept(body);
            return body.toString();
        });
    }

    public static ExecutionSnapshot execution(String executionArn) {
        return StepFunctionsTestResource.standIn().execution(executionArn).orElseThrow();
    }
}
