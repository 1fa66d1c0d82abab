package dev.signoff.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequestParser;
import dev.signoff.contract.TaskTokens;
import dev.signoff.security.TokenCipher;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The inbox lists at most {@link ReviewService#INBOX_LIMIT} tasks and says so when more are waiting. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class InboxLimitTest {

    @Inject
    TaskLifecycle lifecycle;

    @Inject
    ReviewRequestParser parser;

    @Inject
    TokenCipher cipher;

    @Test
    void an_inbox_with_more_tasks_than_it_lists_says_that_more_are_waiting() throws IOException {
        openTasks(ReviewService.INBOX_LIMIT);

        Response full = inboxOf("bulk");
        assertThat(full.jsonPath().getList("$")).hasSize(ReviewService.INBOX_LIMIT);
        assertThat(full.header("Signoff-More-Tasks"))
                .as("nothing beyond the list")
                .isNull();
        assertThat(page("bulk")).doesNotContain("more are waiting");

        openTasks(1);

        Response over = inboxOf("bulk");
        assertThat(over.jsonPath().getList("$")).hasSize(ReviewService.INBOX_LIMIT);
        assertThat(over.header("Signoff-More-Tasks")).isEqualTo("true");
        assertThat(page("bulk"))
                .contains("Showing the first " + ReviewService.INBOX_LIMIT + " reviews")
                .contains("more are waiting");
    }

    private void openTasks(int count) throws IOException {
        ObjectNode template;
        try (InputStream in = getClass().getResourceAsStream("/requests/invoice-review.json")) {
            template = (ObjectNode) Workflows.JSON.readTree(in);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                String token = "bulk-token-" + UUID.randomUUID();
                ObjectNode body = template.deepCopy();
                body.put("taskToken", token);
                body.put("executionArn", "arn:aws:states:us-east-1:123456789012:execution:bulk:" + UUID.randomUUID());
                body.putObject("assignees").putArray("groups").add("bulk-reviewers");
                Parsed.Valid valid = (Parsed.Valid) parser.parse(body.toString());
                body.put("taskToken", "<redacted>");
                lifecycle.open(
                        valid.request(),
                        body.toString(),
                        TaskTokens.tokenHash(token),
                        cipher.sealToken(token, TaskTokens.tokenHash(token)));
            }
        });
    }

    private static Response inboxOf(String user) {
        return given().auth().preemptive().basic(user, user).get("/api/tasks");
    }

    private static String page(String user) {
        return given().auth().preemptive().basic(user, user).get("/inbox").asString();
    }
}
