package dev.signoff.admin;

import static dev.signoff.admin.AnalyticsFixtures.closed;
import static dev.signoff.admin.AnalyticsFixtures.decided;
import static dev.signoff.admin.AnalyticsFixtures.task;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.MutableClock;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The analytics figures against tasks with known arrival, decision and close times. Every test names its own
 * workflows, so tasks other tests leave in the shared database do not change its numbers.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class AnalyticsTest {

    @Inject
    Analytics analytics;

    private final MutableClock clock = StepFunctionsTestResource.clock();

    @Test
    void a_workflows_figures_are_its_counts_exact_percentiles_and_rates() {
        String workflow = unique("invoices");
        // Whole seconds: PostgreSQL keeps microseconds and rounds the rest.
        Instant start = clock.instant().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        // Twenty decisions taking 1, 2, ... 20 minutes: 10 approvals (4 edited), 6 rejections, 4 change requests.
        for (int i = 1; i <= 20; i++) {
            String outcome = i <= 10 ? "APPROVE" : i <= 16 ? "REJECT" : "REQUEST_CHANGES";
            decided(workflow, start, start.plus(Duration.ofMinutes(i)), outcome, i <= 4);
        }
        closed(workflow, "EXPIRED", start, start.plus(Duration.ofMinutes(30)));
        closed(workflow, "EXPIRED", start, start.plus(Duration.ofMinutes(31)));
        // Expired with its Signoff.Expired callback refused: still an expiry.
        closed(workflow, "DELIVERY_FAILED", start, start.plus(Duration.ofMinutes(32)));
        closed(workflow, "CANCELLED", start, start.plus(Duration.ofMinutes(33)));
        task(AnalyticsFixtures.stateMachine(workflow), workflow, "PENDING", start, null, null);

        WorkflowFigures f = row(analytics.report(AnalyticsWindow.DAY, null), workflow);

        assertThat(f.requests()).isEqualTo(25);
        assertThat(List.of(f.approved(), f.rejected(), f.changesRequested(), f.decisions()))
                .containsExactly(10L, 6L, 4L, 20L);
        // PERCENTILE_CONT interpolates: p50 of 1..20 is 10.5, p95 is 19 + 0.05 * (20 - 19).
        assertThat(f.medianToDecision()).isEqualTo(Duration.ofSeconds(630));
        assertThat(f.p95ToDecision()).isEqualTo(Duration.ofSeconds(1143));
        assertThat(f.overrideRate()).isEqualTo(new Share(4, 10));
        assertThat(f.closed()).isEqualTo(24);
        assertThat(f.expiryRate()).isEqualTo(new Share(3, 24));
        assertThat(f.cancelRate()).isEqualTo(new Share(1, 24));
    }

    @Test
    void the_window_counts_only_what_happened_inside_it() {
        String workflow = unique("research");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant tenDaysAgo = now.minus(Duration.ofDays(10));
        Instant threeDaysAgo = now.minus(Duration.ofDays(3));
        decided(workflow, tenDaysAgo, tenDaysAgo.plus(Duration.ofHours(1)), "APPROVE", false);
        decided(workflow, threeDaysAgo, threeDaysAgo.plus(Duration.ofMinutes(30)), "REJECT", false);
        // Received before the week, decided in it: a decision of the week but not one of its requests.
        decided(workflow, tenDaysAgo, threeDaysAgo, "REQUEST_CHANGES", false);

        AnalyticsReport day = analytics.report(AnalyticsWindow.DAY, null);
        WorkflowFigures week = row(analytics.report(AnalyticsWindow.WEEK, null), workflow);
        WorkflowFigures month = row(analytics.report(AnalyticsWindow.MONTH, null), workflow);

        assertThat(day.workflows()).doesNotContain(workflow);
        assertThat(day.from()).isEqualTo(day.to().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23)));
        assertThat(List.of(week.requests(), week.decisions(), week.closed())).containsExactly(1L, 2L, 2L);
        assertThat(week.medianToDecision())
                .isEqualTo(Duration.ofMinutes(30).plus(Duration.ofDays(7)).dividedBy(2));
        assertThat(List.of(month.requests(), month.decisions(), month.closed())).containsExactly(3L, 3L, 3L);
        assertThat(month.medianToDecision()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void the_workflow_filter_keeps_one_workflows_rows_total_and_bars_and_offers_every_workflow() {
        String chosen = unique("compliance");
        String other = unique("documents");
        Instant at = clock.instant().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        decided(chosen, at, at.plus(Duration.ofMinutes(2)), "APPROVE", true);
        decided(chosen, at, at.plus(Duration.ofMinutes(4)), "APPROVE", false);
        decided(other, at, at.plus(Duration.ofHours(2)), "REJECT", false);
        // No stateMachineArn in the request: the workflow is the name inside the execution ARN.
        task(null, other, "PENDING", at, null, null);

        AnalyticsReport all = analytics.report(AnalyticsWindow.DAY, null);
        AnalyticsReport filtered = analytics.report(AnalyticsWindow.DAY, chosen);

        assertThat(row(all, other).requests()).isEqualTo(2);
        assertThat(filtered.workflow()).isEqualTo(chosen);
        assertThat(filtered.workflows()).contains(chosen, other);
        assertThat(filtered.rows()).extracting(WorkflowFigures::workflow).containsExactly(chosen);
        assertThat(filtered.total()).isEqualTo(filtered.rows().get(0));
        assertThat(filtered.total().medianToDecision()).isEqualTo(Duration.ofMinutes(3));
        assertThat(filtered.total().overrideRate()).isEqualTo(new Share(1, 2));
        assertThat(filtered.buckets()).hasSize(24);
        assertThat(filtered.buckets().stream()
                        .mapToLong(AnalyticsReport.Bucket::requests)
                        .sum())
                .isEqualTo(2);
        assertThat(filtered.buckets().stream()
                        .mapToLong(AnalyticsReport.Bucket::decisions)
                        .sum())
                .isEqualTo(2);
        assertThat(filtered.timeToDecision()).containsExactly(2L, 0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(all.total().requests()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void a_workflow_without_activity_has_no_rows_and_empty_bars() {
        AnalyticsReport report = analytics.report(AnalyticsWindow.MONTH, unique("quiet"));

        assertThat(report.rows()).isEmpty();
        assertThat(report.total().decisions()).isZero();
        assertThat(report.total().medianToDecision()).isNull();
        assertThat(report.total().overrideRate().none()).isTrue();
        assertThat(report.buckets())
                .hasSize(30)
                .allSatisfy(b -> assertThat(b.requests() + b.decisions()).isZero());
    }

    @Test
    void a_reviewer_gets_403_on_the_analytics_page_and_an_admin_gets_it() {
        assertThat(status("reviewer", "/admin/analytics")).isEqualTo(403);
        assertThat(status("reviewer", "/admin/analytics?window=30d&workflow=x")).isEqualTo(403);
        assertThat(status("admin", "/admin/analytics")).isEqualTo(200);
        assertThat(status("admin", "/admin/analytics?window=90d&workflow=anything"))
                .isEqualTo(200);
        assertThat(status("admin", "/admin/analytics?window=1y")).isEqualTo(400);
    }

    private static int status(String user, String path) {
        return given().auth()
                .preemptive()
                .basic(user, user)
                .redirects()
                .follow(false)
                .get(path)
                .statusCode();
    }

    private static WorkflowFigures row(AnalyticsReport report, String workflow) {
        return report.rows().stream()
                .filter(r -> r.workflow().equals(workflow))
                .findFirst()
                .orElseThrow(() -> new AssertionError(workflow + " not in " + report.workflows()));
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
