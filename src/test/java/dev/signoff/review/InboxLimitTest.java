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

/** The inbox lists a page of tasks at a time (the API at most {@link InboxQuery#MAX_SIZE}) and says when more wait. */
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
    void an_inbox_with_more_tasks_than_one_page_says_so_and_hands_out_the_next_page() throws IOException {
        openTasks(InboxQuery.MAX_SIZE);

        Response full = inboxOf("bulk", "");
        assertThat(full.jsonPath().getList("$")).hasSize(InboxQuery.MAX_SIZE);
        assertThat(full.header("Signoff-More-Tasks"))
                .as("nothing beyond the list")
                .isNull();
        assertThat(full.header("Signoff-Next-Cursor")).isNull();

        openTasks(1);

        Response over = inboxOf("bulk", "");
        assertThat(over.jsonPath().getList("$")).hasSize(InboxQuery.MAX_SIZE);
        assertThat(over.header("Signoff-More-Tasks")).isEqualTo("true");
        Response rest = inboxOf("bulk", "?after=" + over.header("Signoff-Next-Cursor"));
        assertThat(rest.jsonPath().getList("$")).hasSize(1);
        assertThat(rest.header("Signoff-More-Tasks")).isNull();
        assertThat(page("bulk"))
                .as("the page shows " + InboxQuery.DEFAULT_SIZE + " and links the next page")
                .contains("id=\"next-page\"")
                .contains("501");
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

    private static Response inboxOf(String user, String query) {
        return given().auth().preemptive().basic(user, user).get("/api/tasks" + query);
    }

    private static String page(String user) {
        return given().auth().preemptive().basic(user, user).get("/inbox").asString();
    }
}
