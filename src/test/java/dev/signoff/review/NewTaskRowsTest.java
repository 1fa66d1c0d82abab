package dev.signoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.ExpiryPolicy;
import dev.signoff.contract.ReviewRequestParser;
import dev.signoff.contract.TaskTokens;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.Column;
import jakarta.persistence.Version;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Intake's batch insert of new tasks writes what Hibernate's insert of the same entity writes, column for column. */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class NewTaskRowsTest {

    /** Told apart on purpose: two tasks cannot share a token. */
    private static final Set<String> OWN = Set.of("id", "tokenHash", "tokenCiphertext");

    @Inject
    ReviewRequestParser parser;

    @Test
    void a_task_written_by_the_batch_insert_reads_back_as_hibernate_would_have_written_it() throws Exception {
        ReviewRequest request = everyOptionalField();
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ReviewTask byHibernate =
                ReviewTask.fromRequest(request, "{}", hash(), "sealed-a", receivedAt, ExpiryPolicy.FAIL);
        ReviewTask byBatch = ReviewTask.fromRequest(request, "{}", hash(), "sealed-b", receivedAt, ExpiryPolicy.FAIL);

        QuarkusTransaction.requiringNew().run(() -> {
            byHibernate.persist();
            NewTaskRows.insertAll(List.of(byBatch));
        });

        ReviewTask expected = load(byHibernate.id);
        ReviewTask actual = load(byBatch.id);
        assertThat(actual.dueAt).isNotNull();
        assertThat(actual.heartbeatSeconds).isNotNull();
        assertThat(actual.redriveCount).isNotNull();
        assertThat(actual.onExpiry).isNotNull();
        assertThat(actual.approvalsRequired).isNotNull();
        int compared = 0;
        for (Field field : ReviewTask.class.getDeclaredFields()) {
            boolean mapped = field.isAnnotationPresent(Column.class) || field.isAnnotationPresent(Version.class);
            if (!mapped || OWN.contains(field.getName())) {
                continue;
            }
            compared++;
            field.setAccessible(true);
            assertThat(field.get(actual)).as(field.getName()).isEqualTo(field.get(expected));
        }
        // Every mapped column but the three told apart (the id is @Id, not @Column); a new one is compared too.
        assertThat(compared).isEqualTo(35);
    }

    private ReviewRequest everyOptionalField() throws IOException {
        ObjectNode body;
        try (InputStream in = getClass().getResourceAsStream("/requests/invoice-review.json")) {
            body = (ObjectNode) Workflows.JSON.readTree(in);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        body.put("taskToken", "new-task-rows-" + UUID.randomUUID());
        body.put("executionArn", "arn:aws:states:us-east-1:123456789012:execution:rows:" + UUID.randomUUID());
        body.put("stateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:rows");
        body.put("stateName", "Review");
        body.put("enteredAt", now.minusSeconds(60).toString());
        body.put("redriveCount", 1);
        body.put("dueAt", now.plusSeconds(3600).toString());
        body.put("timeoutAt", now.plusSeconds(7200).toString());
        body.put("expiresAt", now.plusSeconds(5400).toString());
        body.put("heartbeatSeconds", 600);
        body.putObject("approval").put("required", 2);
        body.putObject("assignees").putArray("groups").add("rows-reviewers");
        Parsed parsed = parser.parse(body.toString());
        assertThat(parsed).as(parsed.toString()).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid) parsed).request();
    }

    private static ReviewTask load(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ReviewTask.<ReviewTask>findById(id));
    }

    private static String hash() {
        return TaskTokens.tokenHash("new-task-rows-" + UUID.randomUUID());
    }
}
