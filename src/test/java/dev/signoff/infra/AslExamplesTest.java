package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AslExamplesTest {
    static final List<String> SIGNOFF_ERRORS = List.of(
            "Signoff.Rejected",
            "Signoff.ChangesRequested",
            "Signoff.InvalidRequest",
            "Signoff.Expired",
            "States.Timeout");
    private static final long ONE_YEAR_SECONDS = 365L * 24 * 3600;

    @Test
    void the_three_examples_exist_and_use_jsonpath() {
        assertThat(InfraFiles.examples())
                .extracting(p -> p.getFileName().toString().replace(".asl.json", ""))
                .containsExactlyInAnyOrderElementsOf(InfraFiles.EXAMPLE_NAMES);
        for (String name : InfraFiles.EXAMPLE_NAMES) {
            JsonNode definition = InfraFiles.example(name);
            assertThat(definition.path("QueryLanguage").asText()).as(name).isEqualTo("JSONPath");
            assertThat(definition.get("States").has(definition.get("StartAt").textValue()))
                    .isTrue();
        }
    }

    @Test
    void every_review_step_has_a_timeout_below_the_execution_limit_and_a_heartbeat_below_the_timeout() {
        for (String name : InfraFiles.EXAMPLE_NAMES) {
            List<ReviewStates.ReviewState> reviews = ReviewStates.of(InfraFiles.example(name));
            assertThat(reviews).as(name).isNotEmpty();
            for (ReviewStates.ReviewState review : reviews) {
                JsonNode timeout = review.state().get("TimeoutSeconds");
                assertThat(timeout)
                        .as(name + "/" + review.name() + " TimeoutSeconds")
                        .isNotNull();
                assertThat(timeout.isIntegralNumber()).isTrue();
                assertThat(timeout.longValue()).isPositive().isLessThan(ONE_YEAR_SECONDS);
                JsonNode heartbeat = review.state().get("HeartbeatSeconds");
                JsonNode announced = review.messageBody().get("heartbeatSeconds");
                if (heartbeat != null) {
                    assertThat(heartbeat.longValue()).isPositive().isLessThan(timeout.longValue());
                    assertThat(announced)
                            .as(name + "/" + review.name() + ": Signoff must learn the heartbeat interval")
                            .isEqualTo(heartbeat);
                } else {
                    assertThat(announced).as(name + "/" + review.name()).isNull();
                }
            }
        }
    }

    @Test
    void every_review_step_catches_the_signoff_errors_and_timeouts_before_any_catch_all() {
        for (String name : InfraFiles.EXAMPLE_NAMES) {
            for (ReviewStates.ReviewState review : ReviewStates.of(InfraFiles.example(name))) {
                List<String> caught = new ArrayList<>();
                for (JsonNode catcher : review.state().path("Catch")) {
                    catcher.get("ErrorEquals").forEach(e -> caught.add(e.textValue()));
                    String next = catcher.get("Next").textValue();
                    assertThat(review.scope().has(next))
                            .as(name + ": Catch target " + next)
                            .isTrue();
                    boolean signoff = SIGNOFF_ERRORS.stream()
                            .anyMatch(e -> catcher.get("ErrorEquals").toString().contains(e));
                    if (signoff) {
                        assertThat(catcher.path("ResultPath").asText("$"))
                                .as(name + "/" + review.name() + ": a catcher must keep the state input")
                                .startsWith("$.");
                    }
                }
                assertThat(caught).as(name + "/" + review.name()).containsAll(SIGNOFF_ERRORS);
                assertThat(caught)
                        .as("the newer heartbeat error name is caught with the timeout")
                        .contains("States.HeartbeatTimeout");
                int all = caught.indexOf("States.ALL");
                if (all >= 0) {
                    SIGNOFF_ERRORS.forEach(e -> assertThat(caught.indexOf(e)).isLessThan(all));
                }
            }
        }
    }

    @Test
    void a_change_request_leads_back_to_the_agent_and_then_to_review_again() {
        for (String name : InfraFiles.EXAMPLE_NAMES) {
            for (ReviewStates.ReviewState review : ReviewStates.of(InfraFiles.example(name))) {
                if (review.map() == null) {
                    String next = catcherFor(review, "Signoff.ChangesRequested")
                            .get("Next")
                            .textValue();
                    assertThat(ReviewStates.reachable(review.scope(), next))
                            .as(name + ": from " + next + " back to " + review.name())
                            .contains(review.name());
                } else {
                    String after =
                            review.outerScope().get(review.map()).get("Next").textValue();
                    assertThat(ReviewStates.reachable(review.outerScope(), after))
                            .as(name + ": after the approvals, back to " + review.map())
                            .contains(review.map());
                }
            }
        }
    }

    @Test
    void review_steps_send_a_review_request_v1_to_the_review_queue_placeholder() {
        for (String name : InfraFiles.EXAMPLE_NAMES) {
            for (ReviewStates.ReviewState review : ReviewStates.of(InfraFiles.example(name))) {
                JsonNode parameters = review.state().get("Parameters");
                assertThat(parameters.get("QueueUrl").textValue()).isEqualTo("${ReviewQueueUrl}");
                JsonNode body = review.messageBody();
                assertThat(body.get("signoff").textValue()).isEqualTo("review-request/v1");
                assertThat(body.get("taskToken.$").textValue()).isEqualTo("$$.Task.Token");
                assertThat(body.get("executionArn.$").textValue()).isEqualTo("$$.Execution.Id");
                assertThat(body.get("stateMachineArn.$").textValue()).isEqualTo("$$.StateMachine.Id");
                assertThat(body.get("stateName.$").textValue()).isEqualTo("$$.State.Name");
                assertThat(body.get("enteredAt.$").textValue()).isEqualTo("$$.State.EnteredTime");
                assertThat(body.get("redriveCount.$").textValue()).isEqualTo("$$.Execution.RedriveCount");
                assertThat(body.has("expiresAt.$"))
                        .as(name + "/" + review.name() + " sends a review window")
                        .isTrue();
            }
        }
    }

    @Test
    void every_deploy_time_placeholder_is_explained_in_the_authors_guide() {
        String guide = InfraFiles.read(InfraFiles.AUTHORS_GUIDE);
        Set<String> placeholders = new LinkedHashSet<>();
        for (String name : InfraFiles.EXAMPLE_NAMES) {
            Matcher m = Pattern.compile("\\$\\{([A-Za-z]+)}")
                    .matcher(InfraFiles.read(InfraFiles.EXAMPLES.resolve(name + ".asl.json")));
            while (m.find()) {
                placeholders.add(m.group(1));
            }
        }
        assertThat(placeholders).contains("ReviewQueueUrl");
        placeholders.forEach(p -> assertThat(guide).as("placeholder " + p).contains("| `${" + p + "}` |"));
    }

    static JsonNode catcherFor(ReviewStates.ReviewState review, String error) {
        for (JsonNode catcher : review.state().path("Catch")) {
            for (JsonNode e : catcher.get("ErrorEquals")) {
                if (e.textValue().equals(error)) {
                    return catcher;
                }
            }
        }
        throw new AssertionError(review.name() + " has no catcher for " + error);
    }
}
