package dev.signoff.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.contract.TaskTokens;
import dev.signoff.review.ReviewTask;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The request a redriven execution sends: the same execution and state asking again with a new token, entered now.
 * Sent to the real queue as Step Functions would (the stand-in does not redrive); the new token is never shown.
 */
public final class Redrives {

    private Redrives() {}

    /** Sends it and waits until intake stored it; returns the new task's id. */
    public static UUID askAgain(
            SqsClient sqs, String queueUrl, StartedExecution execution, Consumer<ObjectNode> customize) {
        ReviewTask original = ReviewTasks.taskOf(execution.executionArn());
        ObjectNode body;
        try {
            body = (ObjectNode) Workflows.JSON.readTree(original.requestJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String token = "redrive-" + UUID.randomUUID();
        body.put("taskToken", token);
        body.put(
                "enteredAt",
                StepFunctionsTestResource.clock().instant().plusMillis(1).toString());
        customize.accept(body);
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body.toString()));
        String hash = TaskTokens.tokenHash(token);
        Patience.await().until(() -> byTokenHash(hash) != null);
        return byTokenHash(hash).id;
    }

    private static ReviewTask byTokenHash(String hash) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ReviewTask.<ReviewTask>find("tokenHash", hash).firstResult());
    }
}
