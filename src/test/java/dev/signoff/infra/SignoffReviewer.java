package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.Callback;
import dev.signoff.contract.CallbackPayload;
import dev.signoff.contract.CallbackResult;
import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequestParser;
import dev.signoff.contract.ReviewerDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Plays Signoff for the example state machines with Signoff's real contract code: every MessageBody a review step
 * sends goes through {@link ReviewRequestParser} (and must be valid), and every answer is built by
 * {@link CallbackPayload}, exactly as Signoff would send it with SendTaskSuccess or SendTaskFailure.
 */
final class SignoffReviewer {
    private final ReviewRequestParser parser = new ReviewRequestParser();
    private final CallbackPayload callbacks = new CallbackPayload();
    final List<ReviewRequest> requests = new ArrayList<>();
    final List<String> bodies = new ArrayList<>();

    AslWalker.Responder approve(String comment) {
        return decide(ReviewRequest.Outcome.APPROVE, comment, UnaryOperator.identity());
    }

    AslWalker.Responder approveEdited(UnaryOperator<JsonNode> edit) {
        return decide(ReviewRequest.Outcome.APPROVE, "Corrected the total", edit);
    }

    AslWalker.Responder reject(String comment) {
        return decide(ReviewRequest.Outcome.REJECT, comment, UnaryOperator.identity());
    }

    AslWalker.Responder requestChanges(String comment) {
        return decide(ReviewRequest.Outcome.REQUEST_CHANGES, comment, UnaryOperator.identity());
    }

    /** Signoff found the request invalid (its token was readable) and failed the task at once. */
    AslWalker.Responder refuseAsInvalid(String problem) {
        return visit -> {
            Callback c = callbacks.invalidRequest(List.of(problem));
            return new AslWalker.Failure(c.error(), c.cause());
        };
    }

    /** Nobody decided in time: Step Functions fails the task itself. */
    AslWalker.Responder timeOut() {
        return visit -> {
            accept(visit);
            return new AslWalker.Failure("States.Timeout", "");
        };
    }

    /**
     * Nobody decided before the request's expiresAt: Signoff closes the task at its next upkeep round and fails the
     * execution with Signoff.Expired. A request without expiresAt cannot expire, so this refuses one.
     */
    AslWalker.Responder expire() {
        return visit -> {
            ReviewRequest request = accept(visit);
            assertThat(request.expiresAt())
                    .as(visit.state() + " sent no expiresAt, so Signoff would never close it early")
                    .isPresent();
            Instant expiresAt = request.expiresAt().orElseThrow();
            Callback c = callbacks.expired("task-" + requests.size(), expiresAt, expiresAt.plusSeconds(9));
            return new AslWalker.Failure(c.error(), c.cause());
        };
    }

    /** An admin cancelled the review in Signoff, which fails the execution with Signoff.Cancelled and their reason. */
    AslWalker.Responder cancel(String reason) {
        return visit -> {
            accept(visit);
            Callback c = callbacks.cancelled(
                    "task-" + requests.size(),
                    reason,
                    new ReviewerDecision.Reviewer("admin-1", "Ada Admin", "ada@acme.example"),
                    Instant.parse("2026-11-26T11:00:00Z"));
            return new AslWalker.Failure(c.error(), c.cause());
        };
    }

    ReviewRequest accept(AslWalker.Visit visit) {
        JsonNode body = visit.parameters().get("MessageBody");
        assertThat(body).as("MessageBody of " + visit.state()).isNotNull();
        String json = JsonPathParameters.toJson(body);
        Parsed parsed = parser.parse(json);
        assertThat(parsed)
                .as("Signoff's parser on the MessageBody of " + visit.state() + ": " + parsed)
                .isInstanceOf(Parsed.Valid.class);
        ReviewRequest request = ((Parsed.Valid) parsed).request();
        requests.add(request);
        bodies.add(json);
        return request;
    }

    private AslWalker.Responder decide(ReviewRequest.Outcome outcome, String comment, UnaryOperator<JsonNode> edit) {
        return visit -> {
            ReviewRequest request = accept(visit);
            JsonNode proposed = request.proposedOutput().orElse(null);
            JsonNode output = proposed == null ? null : edit.apply(proposed.deepCopy());
            int n = requests.size();
            ReviewerDecision decision = new ReviewerDecision(
                    outcome,
                    output,
                    output != null && !output.equals(proposed),
                    comment,
                    null,
                    new ReviewerDecision.Reviewer("u-" + n, "Reviewer " + n, "reviewer" + n + "@acme.example"),
                    Instant.parse("2026-11-26T10:00:00Z").plusSeconds(n),
                    "task-" + n,
                    "decision-" + n);
            CallbackResult result = callbacks.build(decision, request.outputSchema());
            assertThat(result)
                    .as("Signoff refused to send the decision: " + result)
                    .isInstanceOf(CallbackResult.Ready.class);
            Callback c = ((CallbackResult.Ready) result).callback();
            return c.kind() == Callback.Kind.SUCCESS
                    ? new AslWalker.Success(JsonPathParameters.parseJson(c.output()))
                    : new AslWalker.Failure(c.error(), c.cause());
        };
    }
}
