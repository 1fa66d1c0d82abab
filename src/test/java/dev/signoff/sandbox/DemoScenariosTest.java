package dev.signoff.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DemoScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-26T09:30:15.250Z");
    static final List<String> SEEDED_KEYS = List.of(
            "demo/document-processing/invoice-INV-2026-0147.pdf",
            "demo/document-processing/invoice-INV-2026-0147.extracted.json",
            "demo/compliance-review/travel-and-expense-policy.md",
            "demo/compliance-review/transactions-2026-10.csv",
            "demo/research/market-sizing-chart.png",
            "demo/research/market-sizing-report.md");

    private final DemoScenarios scenarios = DemoScenarios.load();

    @Test
    void three_patterns_with_two_or_more_executions_each_and_six_to_nine_in_all() {
        assertThat(scenarios.all()).hasSizeBetween(6, 9);
        assertThat(scenarios.names()).doesNotHaveDuplicates();
        for (String pattern : List.of(
                DemoScenarios.DOCUMENT_PROCESSING, DemoScenarios.COMPLIANCE_REVIEW, DemoScenarios.MULTI_DAY_RESEARCH)) {
            assertThat(scenarios.all())
                    .filteredOn(s -> s.pattern().equals(pattern))
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void each_state_comes_from_its_state_machine_definition_with_a_timeout_of_hours_to_days_and_no_heartbeat() {
        DemoScenario invoice = scenarios.byName("invoice-INV-2026-0147");
        assertThat(invoice.stateMachineName()).isEqualTo("invoice-extraction");
        assertThat(invoice.stateName()).isEqualTo("ReviewExtractedFields");
        assertThat(invoice.timeoutSeconds()).isEqualTo(172_800);

        for (DemoScenario scenario : scenarios.all()) {
            assertThat(scenario.heartbeatSeconds()).as(scenario.name()).isEqualTo(OptionalLong.empty());
            assertThat(Duration.ofSeconds(scenario.timeoutSeconds()))
                    .as(scenario.name())
                    .isBetween(Duration.ofHours(2), Duration.ofDays(30));
            assertThat(scenario.dueIn()).as(scenario.name()).isLessThan(Duration.ofSeconds(scenario.timeoutSeconds()));
            assertThat(scenario.expiresIn())
                    .as(scenario.name())
                    .isBetween(scenario.dueIn(), Duration.ofSeconds(scenario.timeoutSeconds() - 1));
        }
    }

    @Test
    void execution_input_carries_the_deadlines_the_caller_computes_from_the_start() throws Exception {
        DemoScenario research = scenarios.byName("hitl-market-sizing-day-3");

        JsonNode input = JSON.readTree(research.executionInput(START));

        assertThat(input.path("deadlines").path("dueAt").asText()).isEqualTo("2026-11-29T09:30:00Z");
        assertThat(input.path("deadlines").path("expiresAt").asText())
                .isEqualTo(START.plus(research.expiresIn()).minusMillis(250).toString());
        assertThat(input.path("deadlines").path("timeoutAt").asText())
                .isEqualTo(START.plusSeconds(research.timeoutSeconds())
                        .minusMillis(250)
                        .toString());
        assertThat(input.path("study").path("id").asText()).isEqualTo("MR-2026-031");
    }

    @Test
    void artifacts_point_only_at_the_objects_the_sandbox_seeds() {
        assertThat(scenarios.artifactKeys()).containsExactlyInAnyOrderElementsOf(SEEDED_KEYS);
        for (DemoScenario scenario : scenarios.all()) {
            assertThat(scenario.agentOutput()).as(scenario.name()).doesNotContainPattern("s3://(?!signoff-sandbox/)");
        }
    }

    @Test
    void bucket_and_object_sizes_can_follow_what_the_seeder_wrote() throws Exception {
        DemoScenarios seeded = DemoScenarios.load(
                "my-sandbox-bucket", key -> key.endsWith(".pdf") ? OptionalLong.of(12_345) : OptionalLong.empty());

        JsonNode input = JSON.readTree(seeded.byName("invoice-INV-2026-0147").agentOutput());

        JsonNode artifacts = input.path("extraction").path("artifacts");
        assertThat(artifacts.get(0).path("uri").asText())
                .isEqualTo("s3://my-sandbox-bucket/demo/document-processing/invoice-INV-2026-0147.pdf");
        assertThat(artifacts.get(0).path("sizeBytes").asLong()).isEqualTo(12_345);
        assertThat(artifacts.get(1).path("sizeBytes").asLong()).isEqualTo(2_364);
        assertThat(seeded.artifactKeys()).containsExactlyInAnyOrderElementsOf(SEEDED_KEYS);
        for (DemoScenario scenario : seeded.all()) {
            assertThat(scenario.agentOutput()).as(scenario.name()).doesNotContain("s3://signoff-sandbox/");
        }
    }

    @Test
    void a_state_machine_whose_review_state_has_no_timeout_or_is_not_the_start_is_refused() throws Exception {
        String definition = """
                {"StartAt": "Review", "States": {"Review": {"Type": "Task",
                  "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"QueueUrl": "q", "MessageBody": {"taskToken.$": "$$.Task.Token"}},
                  "TimeoutSeconds": 3600, "End": true}}}""";
        assertThat(ReviewStateDefinition.parse("ok", JSON.readTree(definition)).timeoutSeconds())
                .isEqualTo(3600);

        assertThatThrownBy(() -> ReviewStateDefinition.parse(
                        "no-timeout", JSON.readTree(definition.replace("\"TimeoutSeconds\": 3600,", ""))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must set TimeoutSeconds");
        assertThatThrownBy(() -> ReviewStateDefinition.parse(
                        "late-review",
                        JSON.readTree(definition.replace("\"StartAt\": \"Review\"", "\"StartAt\": \"Agent\""))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("StartAt must be Review");
    }

    @Test
    void an_unknown_scenario_name_is_refused_with_the_known_names() {
        assertThatThrownBy(() -> scenarios.byName("invoice-9999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invoice-9999")
                .hasMessageContaining("invoice-INV-2026-0147")
                .hasMessageContaining("hitl-market-sizing-day-3");
    }

    @Test
    void a_due_time_at_or_after_the_timeout_is_refused() {
        DemoScenario invoice = scenarios.byName("invoice-INV-2026-0147");

        assertThatThrownBy(() -> new DemoScenario(
                        invoice.name(),
                        invoice.pattern(),
                        invoice.stateMachineName(),
                        invoice.stateName(),
                        invoice.timeoutSeconds(),
                        invoice.heartbeatSeconds(),
                        Duration.ofSeconds(invoice.timeoutSeconds()),
                        Duration.ofSeconds(invoice.timeoutSeconds()),
                        invoice.agentOutput(),
                        invoice.messageBody()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dueIn");
    }
}
