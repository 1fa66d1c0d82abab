package dev.signoff.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The inbox's views, filters, sorts and paging through the real app on PostgreSQL, with tasks taken in by intake.
 * Each test's tasks carry a requestedBy of their own, and every request filters by it, so tasks other tests leave
 * open do not get in the way.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class InboxViewsTest {

    @Inject
    SqsClient sqs;

    @Inject
    Clock clock;

    @Inject
    InboxBackfill backfill;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void each_view_lists_its_tasks_and_the_all_view_is_for_admins() {
        String by = requester();
        UUID open = task(by, b -> {});
        UUID claimed = task(by, b -> {});
        UUID lapsed = task(by, b -> {});
        UUID decided = task(by, b -> {});
        claim(claimed, "reviewer", Duration.ofMinutes(5));
        claim(lapsed, "reviewer", Duration.ofHours(3));
        assertThat(ReviewTasks.approve(decided).statusCode()).isEqualTo(200);

        assertThat(ids("reviewer", "view=mine&requestedBy=" + by)).containsExactlyInAnyOrder(open, claimed, lapsed);
        assertThat(ids("reviewer", "requestedBy=" + by))
                .as("mine is the default")
                .hasSize(3);
        assertThat(ids("reviewer", "view=unassigned&requestedBy=" + by))
                .as("a claim idle longer than signoff.review.claim-idle no longer holds")
                .containsExactlyInAnyOrder(open, lapsed);
        assertThat(ids("reviewer", "view=claimed&requestedBy=" + by)).containsExactly(claimed);
        assertThat(ids("reviewer2", "view=claimed&requestedBy=" + by)).isEmpty();
        assertThat(ids("reviewer", "view=decided&requestedBy=" + by)).containsExactly(decided);
        assertThat(ids("outsider", "view=mine&requestedBy=" + by)).isEmpty();
        assertThat(ids("admin", "view=all&requestedBy=" + by)).hasSize(4).startsWith(open, claimed, lapsed);
        assertThat(ids("admin", "view=all&status=pending&requestedBy=" + by)).containsExactly(open, claimed, lapsed);

        api("reviewer", "view=all").then().statusCode(403);
        assertThat(page("reviewer", "view=all").statusCode()).isEqualTo(403);
        String claimedPage = page("reviewer", "view=claimed&requestedBy=" + by).asString();
        assertThat(claimedPage)
                .contains("/tasks/" + claimed)
                .contains("Riley Reviewer")
                .contains("since ");
        assertThat(claimedPage).as("the all tab only for admins").doesNotContain("view=all");
        assertThat(page("admin", "requestedBy=" + by).asString()).contains("id=\"view-all\"");
    }

    @Test
    void filters_narrow_the_list_by_severity_due_window_age_search_state_workflow_and_group() {
        String by = requester();
        Instant now = clock.instant();
        UUID critical = task(by, b -> {
            finding(b, "critical");
            b.put("dueAt", now.minus(Duration.ofHours(1)).toString());
        });
        UUID info = task(by, b -> {
            finding(b, "info");
            b.put("summary", "A duplicate payment to Zephyrine Ltd, ref f02c20d5-f992-4836-88fa-ecd16a582cb0");
            b.put("dueAt", now.plus(Duration.ofDays(3)).toString());
        });
        UUID none = task(by, b -> b.putArray("findings"));
        setReceived(none, now.minus(Duration.ofDays(4)));

        assertThat(ids("reviewer", "severity=high&requestedBy=" + by)).containsExactly(critical);
        assertThat(ids("reviewer", "severity=info&requestedBy=" + by)).containsExactly(critical, info);
        assertThat(ids("reviewer", "due=overdue&requestedBy=" + by)).containsExactly(critical);
        assertThat(ids("reviewer", "due=week&requestedBy=" + by)).containsExactly(info);
        assertThat(ids("reviewer", "age=3d&requestedBy=" + by)).containsExactly(none);
        assertThat(ids("reviewer", "age=7d&requestedBy=" + by)).isEmpty();
        assertThat(ids("reviewer", "q=zephyr&requestedBy=" + by))
                .as("summary, by word prefix")
                .containsExactly(info);
        assertThat(ids("reviewer", "q=ZEPHYRINE+duplicate&requestedBy=" + by)).containsExactly(info);
        // PostgreSQL's parser alone reads "4836-88fa" as 4836, -88 and fa: a reference number must still be found.
        assertThat(ids("reviewer", "q=f02c20d5-f992-4836-88fa-ecd16a582cb0&requestedBy=" + by))
                .containsExactly(info);
        assertThat(ids("reviewer", "q=88fa&requestedBy=" + by)).containsExactly(info);
        assertThat(ids("reviewer", "q=registry&requestedBy=" + by))
                .as("finding details")
                .containsExactlyInAnyOrder(critical, info);
        assertThat(ids("reviewer", "q=%27%3B+drop+table&requestedBy=" + by)).isEmpty();
        assertThat(ids("reviewer", "state=HumanReview&requestedBy=" + by)).hasSize(3);
        assertThat(ids("reviewer", "state=Other&requestedBy=" + by)).isEmpty();
        assertThat(ids("reviewer", "workflow=invoice-processing&requestedBy=" + by))
                .hasSize(3);
        assertThat(ids("reviewer", "workflow=invoice&requestedBy=" + by))
                .as("a name, not a prefix")
                .isEmpty();
        assertThat(ids("reviewer", "group=finance-reviewers&requestedBy=" + by)).hasSize(3);
        assertThat(ids("reviewer", "group=research-leads&requestedBy=" + by)).isEmpty();

        String overdue = page("reviewer", "requestedBy=" + by).asString();
        assertThat(overdue).contains("class=\"overdue\"").contains("badge sev-critical");
    }

    @Test
    void sorts_order_the_list_and_pages_follow_each_other_without_gaps_or_repeats() {
        String by = requester();
        Instant now = clock.instant();
        List<UUID> byDue = new ArrayList<>();
        String[] severities = {"low", "critical", "medium", "high", "info"};
        for (int i = 0; i < 5; i++) {
            int n = i;
            byDue.add(task(by, b -> {
                b.put("dueAt", now.plus(Duration.ofHours(10 - n)).toString());
                finding(b, severities[n]);
            }));
        }
        UUID undated = task(by, b -> {});
        java.util.Collections.reverse(byDue);
        byDue.add(undated);

        assertThat(allPages("requestedBy=" + by + "&size=2"))
                .as("due, undated last")
                .isEqualTo(byDue);
        assertThat(allPages("requestedBy=" + by + "&size=4&sort=age"))
                .as("oldest first")
                .isEqualTo(List.of(byDue.get(4), byDue.get(3), byDue.get(2), byDue.get(1), byDue.get(0), undated));
        assertThat(allPages("requestedBy=" + by + "&size=1&sort=severity"))
                .as("highest first, oldest first within a severity (the undated task has the fixture's high)")
                .containsExactly(byDue.get(3), byDue.get(1), undated, byDue.get(2), byDue.get(4), byDue.get(0));

        String first = page("reviewer", "requestedBy=" + by + "&size=2").asString();
        assertThat(first).contains("id=\"next-page\"").doesNotContain("id=\"first-page\"");
        String next = first.substring(first.indexOf("href=\"", first.indexOf("id=\"next-page\"")) + 6);
        String second = page(
                        "reviewer",
                        next.substring(next.indexOf('?') + 1, next.indexOf('"')).replace("&amp;", "&"))
                .asString();
        assertThat(second).contains("id=\"first-page\"").contains("/tasks/" + byDue.get(2));
    }

    @Test
    void a_cursor_that_is_not_one_the_inbox_gave_out_is_a_clear_400() {
        Response api = api("reviewer", "after=garbage");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.jsonPath().getString("detail")).startsWith("\"after\" is not a cursor");
        assertThat(api("reviewer", "sort=sideways").statusCode()).isEqualTo(400);
        assertThat(api("reviewer", "size=0").statusCode()).isEqualTo(400);
        Response page = page("reviewer", "after=garbage");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.asString()).contains("start from the first page");
    }

    @Test
    void with_htmx_the_filter_form_gets_only_the_results_back() {
        String by = requester();
        UUID id = task(by, b -> {});

        String fragment = given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .header("HX-Request", "true")
                .header("HX-Target", "results")
                .get("/inbox?requestedBy=" + by)
                .asString();

        assertThat(fragment.strip()).startsWith("<section id=\"results\"").contains("/tasks/" + id);
        assertThat(fragment).doesNotContain("<html").doesNotContain("<form");
    }

    @Test
    void tasks_stored_before_v9_get_their_severity_and_search_text_from_their_request() {
        String by = requester();
        UUID old = task(by, b -> b.put("summary", "Quokka sightings"));
        QuarkusTransaction.requiringNew()
                .run(() -> ReviewTask.update("highestSeverity = null, searchText = null where id = ?1", old));
        assertThat(ids("reviewer", "q=quokka&requestedBy=" + by)).isEmpty();

        QuarkusTransaction.requiringNew().call(backfill::fillBatch);

        assertThat(ids("reviewer", "q=quokka&requestedBy=" + by)).containsExactly(old);
        assertThat(ids("reviewer", "severity=high&requestedBy=" + by))
                .as("the fixture's highest finding")
                .containsExactly(old);
    }

    private List<UUID> allPages(String query) {
        List<UUID> all = new ArrayList<>();
        String after = "";
        for (int pages = 0; pages < 20; pages++) {
            Response response = api("reviewer", query + after);
            response.then().statusCode(200);
            response.jsonPath().getList("id", String.class).forEach(id -> all.add(UUID.fromString(id)));
            String next = response.header("Signoff-Next-Cursor");
            if (next == null) {
                return all;
            }
            after = "&after=" + next;
        }
        throw new AssertionError("more pages than tasks");
    }

    private static String requester() {
        return "agent-" + UUID.randomUUID();
    }

    private UUID task(String requestedBy, Consumer<ObjectNode> customize) {
        return ReviewTasks.awaitTask(Workflows.start(sqs, queueUrl, 3600, body -> {
            body.put("requestedBy", requestedBy);
            customize.accept(body);
        }));
    }

    private static void finding(ObjectNode body, String severity) {
        ArrayNode findings = body.putArray("findings");
        findings.addObject()
                .put("title", severity + " finding")
                .put("severity", severity)
                .put("detail", "Checked against the registry.");
    }

    private void claim(UUID taskId, String reviewer, Duration idleFor) {
        Instant active = clock.instant().minus(idleFor);
        QuarkusTransaction.requiringNew()
                .run(() -> ReviewTask.update(
                        "claimedBy = ?1, claimedByName = ?2, claimedAt = ?3, claimActiveAt = ?3 where id = ?4",
                        reviewer,
                        "Riley Reviewer",
                        active,
                        taskId));
    }

    private static void setReceived(UUID taskId, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> ReviewTask.update("receivedAt = ?1 where id = ?2", at, taskId));
    }

    private static List<UUID> ids(String user, String query) {
        Response response = api(user, query);
        response.then().statusCode(200);
        return response.jsonPath().getList("id", String.class).stream()
                .map(UUID::fromString)
                .toList();
    }

    private static Response api(String user, String query) {
        return given().auth().preemptive().basic(user, user).get("/api/tasks?" + query);
    }

    private static Response page(String user, String query) {
        return given().auth().preemptive().basic(user, user).get("/inbox?" + query);
    }
}
