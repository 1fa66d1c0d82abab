package dev.signoff.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.contract.OutputSchemaValidator;
import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequest.Outcome;
import dev.signoff.contract.ReviewRequest.Severity;
import dev.signoff.contract.ReviewRequestParser;
import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.sandbox.stepfunctions.StepFunctionsStandIn;
import dev.signoff.testsupport.LocalElasticMq;
import dev.signoff.web.Markdown;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The demo against a real ElasticMQ and the Step Functions stand-in, checked with the real contract parser. */
class DemoDriverTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReviewRequestParser PARSER = new ReviewRequestParser();

    private static LocalElasticMq elasticMq;
    private static SqsClient sqs;

    private StepFunctionsStandIn standIn;
    private String queueUrl;
    private DemoDriver driver;

    @BeforeAll
    static void startElasticMq() {
        elasticMq = LocalElasticMq.start();
        sqs = elasticMq.client();
    }

    @AfterAll
    static void stopElasticMq() {
        elasticMq.close();
    }

    @BeforeEach
    void startStandIn() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        standIn = StepFunctionsStandIn.start(0, clock);
        queueUrl =
                sqs.createQueue(b -> b.queueName("demo-" + UUID.randomUUID())).queueUrl();
        driver = new DemoDriver(standIn, sqs, queueUrl, clock);
    }

    @AfterEach
    void stopStandIn() {
        standIn.close();
    }

    @Test
    void start_all_puts_one_request_per_scenario_on_the_queue_with_the_token_of_a_running_execution() {
        List<StartedExecution> started = driver.startAll();
        Map<String, String> bodies = drainQueue(started.size());

        assertThat(started).hasSize(driver.scenarios().all().size());
        assertThat(bodies.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        started.stream().map(StartedExecution::executionArn).toList());
        for (StartedExecution execution : started) {
            String body = bodies.get(execution.executionArn());
            JsonNode request = readTree(body);
            assertThat(request.path("taskToken").asText()).isEqualTo(execution.taskToken());
            assertThat(standIn.execution(execution.executionArn()).orElseThrow().status())
                    .isEqualTo(ExecutionStatus.RUNNING);
            assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThan(262_144);
        }
    }

    @Test
    void every_request_is_a_valid_review_request_v1_for_the_real_contract_parser() {
        Map<String, ReviewRequest> requests = startAllAndParse();

        assertThat(requests).hasSize(driver.scenarios().all().size());
        for (ExecutionSnapshot execution : standIn.executions()) {
            ReviewRequest request = requests.get(execution.executionArn());
            assertThat(request.stateMachineArn()).contains(execution.stateMachineArn());
            assertThat(request.stateName()).contains(execution.stateName());
            assertThat(request.enteredAt()).contains(NOW);
            assertThat(request.requestedBy()).isPresent();
            assertThat(request.metadata()).containsKeys("Agent model", "Agent run");
            assertThat(request.findings()).isNotEmpty();
            assertThat(request.artifacts()).isNotEmpty();
        }
    }

    @Test
    void document_processing_proposes_the_extracted_invoice_for_finance_reviewers_with_all_three_decisions() {
        List<ReviewRequest> invoices = requestsOf(DemoScenarios.DOCUMENT_PROCESSING);

        for (ReviewRequest request : invoices) {
            assertThat(request.assignees().groups()).containsExactly("finance-reviewers");
            assertThat(request.decisions()).isEqualTo(EnumSet.allOf(Outcome.class));
            assertThat(request.proposedOutput().orElseThrow().path("number").asText())
                    .isEqualTo("INV-2026-0147");
            assertThat(new OutputSchemaValidator()
                            .outputProblems(
                                    request.outputSchema().orElseThrow(),
                                    request.proposedOutput().orElseThrow()))
                    .isEmpty();
        }
        assertThat(invoices.get(0).title()).contains("INV-2026-0147", "below 98% confidence");
    }

    @Test
    void compliance_review_goes_to_compliance_officers_with_approve_or_reject_and_high_and_critical_findings() {
        List<ReviewRequest> alerts = requestsOf(DemoScenarios.COMPLIANCE_REVIEW);

        for (ReviewRequest request : alerts) {
            assertThat(request.assignees().groups()).containsExactly("compliance-officers");
            assertThat(request.assignees().users()).isEmpty();
            assertThat(request.decisions()).containsExactlyInAnyOrder(Outcome.APPROVE, Outcome.REJECT);
            assertThat(request.findings()).anyMatch(f -> f.severity().compareTo(Severity.HIGH) >= 0);
            assertThat(request.metadata().get("Policy")).startsWith("FP-7");
            assertThat(new OutputSchemaValidator()
                            .outputProblems(
                                    request.outputSchema().orElseThrow(),
                                    request.proposedOutput().orElseThrow()))
                    .isEmpty();
        }
        assertThat(alerts.stream().flatMap(r -> r.findings().stream()).map(ReviewRequest.Finding::severity))
                .contains(Severity.HIGH, Severity.CRITICAL);
    }

    @Test
    void research_can_be_sent_back_and_is_due_in_a_few_days_to_research_leads_and_the_reviewer() {
        List<ReviewRequest> drafts = requestsOf(DemoScenarios.MULTI_DAY_RESEARCH);

        for (ReviewRequest request : drafts) {
            assertThat(request.assignees().groups()).containsExactly("research-leads");
            assertThat(request.assignees().users()).containsExactly("reviewer");
            assertThat(request.decisions()).contains(Outcome.REQUEST_CHANGES, Outcome.APPROVE);
            assertThat(Duration.between(NOW, request.dueAt().orElseThrow()))
                    .isBetween(Duration.ofDays(2), Duration.ofDays(6));
        }
    }

    @Test
    void deadlines_are_minutes_to_days_out_and_no_request_asks_for_heartbeats() {
        for (ReviewRequest request : startAllAndParse().values()) {
            Instant dueAt = request.dueAt().orElseThrow();
            Instant timeoutAt = request.timeoutAt().orElseThrow();
            assertThat(request.heartbeatSeconds()).isEmpty();
            assertThat(dueAt).isAfter(NOW.plus(Duration.ofMinutes(5))).isBefore(timeoutAt);
            assertThat(Duration.between(NOW, timeoutAt)).isBetween(Duration.ofHours(12), Duration.ofDays(30));
            request.expiresAt()
                    .ifPresent(expiresAt ->
                            assertThat(expiresAt).isAfterOrEqualTo(dueAt).isBefore(timeoutAt));
        }
    }

    @Test
    void the_invoice_reminder_closes_within_the_half_hour_so_signoff_expired_can_be_seen_live() {
        Map<String, ReviewRequest> requests = startAllAndParse();
        ReviewRequest reminder = requests.values().stream()
                .filter(r -> r.executionArn().contains("invoice-INV-2026-0147-reminder"))
                .findFirst()
                .orElseThrow();
        assertThat(Duration.between(NOW, reminder.expiresAt().orElseThrow()))
                .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(30));
    }

    @Test
    void artifacts_are_seeded_demo_objects_with_label_type_and_size() {
        for (ReviewRequest request : startAllAndParse().values()) {
            for (ReviewRequest.Artifact artifact : request.artifacts()) {
                assertThat(artifact.bucket()).isEqualTo(DemoScenarios.DEFAULT_BUCKET);
                assertThat(DemoScenariosTest.SEEDED_KEYS).contains(artifact.key());
                assertThat(artifact.contentType()).isPresent();
                assertThat(artifact.sizeBytes().orElseThrow()).isPositive();
            }
        }
    }

    @Test
    void a_hostile_finding_reaches_the_portal_and_its_renderer_neutralises_it() {
        List<String> hostile = startAllAndParse().values().stream()
                .flatMap(r -> r.findings().stream())
                .map(f -> f.detail().orElse(""))
                .filter(detail ->
                        detail.contains("](javascript:") && detail.contains("![") && detail.contains("https://"))
                .toList();

        assertThat(hostile).hasSize(1);
        String html = Markdown.toHtml(hostile.get(0));
        assertThat(html).doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("<img");
        assertThat(html).contains("Download the full price list");
    }

    @Test
    void start_one_starts_only_the_named_scenario() {
        StartedExecution started = driver.startOne("expense-case-r-alvarez");

        ReviewRequest request = parse(drainQueue(1).get(started.executionArn()));
        assertThat(request.title()).contains("EXP-2026-10-031", "r.alvarez");
        assertThat(request.taskToken()).isEqualTo(started.taskToken());
        assertThat(started.executionArn()).contains(":execution:expense-compliance-review:expense-case-r-alvarez-");
        assertThat(standIn.executions()).hasSize(1);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(0))
                        .messages())
                .isEmpty();
    }

    @Test
    void the_m_tanaka_case_needs_two_approvals_and_the_other_expense_cases_one() {
        StartedExecution tanaka = driver.startOne("expense-case-m-tanaka");
        StartedExecution alvarez = driver.startOne("expense-case-r-alvarez");

        Map<String, String> bodies = drainQueue(2);
        assertThat(parse(bodies.get(tanaka.executionArn())).approval())
                .hasValue(new ReviewRequest.Approval(2, List.of()));
        assertThat(parse(bodies.get(alvarez.executionArn())).approval()).isEmpty();
    }

    @Test
    void an_unknown_scenario_starts_nothing() {
        assertThatThrownBy(() -> driver.startOne("no-such-scenario"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-scenario");
        assertThat(standIn.executions()).isEmpty();
    }

    @Test
    void starting_the_demo_twice_gives_new_executions_with_new_tokens() {
        List<StartedExecution> first = driver.startAll();
        List<StartedExecution> second = driver.startAll();

        List<StartedExecution> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all.stream().map(StartedExecution::executionArn)).doesNotHaveDuplicates();
        assertThat(all.stream().map(StartedExecution::taskToken)).doesNotHaveDuplicates();
        assertThat(standIn.executions()).allMatch(e -> e.status() == ExecutionStatus.RUNNING);
        assertThat(drainQueue(all.size())).hasSize(all.size());
    }

    private List<ReviewRequest> requestsOf(String pattern) {
        List<StartedExecution> started = driver.startAll();
        Map<String, ReviewRequest> requests = parseAll(drainQueue(started.size()));
        List<ReviewRequest> ofPattern = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
            if (driver.scenarios().all().get(i).pattern().equals(pattern)) {
                ofPattern.add(requests.get(started.get(i).executionArn()));
            }
        }
        assertThat(ofPattern).hasSizeGreaterThanOrEqualTo(2);
        return ofPattern;
    }

    private Map<String, ReviewRequest> startAllAndParse() {
        return parseAll(drainQueue(driver.startAll().size()));
    }

    private static Map<String, ReviewRequest> parseAll(Map<String, String> bodies) {
        return bodies.values().stream()
                .map(DemoDriverTest::parse)
                .collect(Collectors.toMap(ReviewRequest::executionArn, Function.identity()));
    }

    private static ReviewRequest parse(String body) {
        Parsed parsed = PARSER.parse(body);
        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        return ((Parsed.Valid) parsed).request();
    }

    /** The bodies of the next {@code expected} messages by executionArn, deleting them from the queue. */
    private Map<String, String> drainQueue(int expected) {
        Map<String, String> bodies = new HashMap<>();
        for (int polls = 0; bodies.size() < expected && polls < 20; polls++) {
            List<Message> messages = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            for (Message message : messages) {
                bodies.put(readTree(message.body()).path("executionArn").asText(), message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        assertThat(bodies).hasSize(expected);
        return bodies;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
