package dev.signoff.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.review.TaskStatus;
import dev.signoff.testsupport.CookieBrowser;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.KeycloakTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The admin role as Keycloak grants it (carol, a member of the realm's signoff-admin group, the default
 * signoff.security.admin-group), and the request targets a browser cannot be made to send through java.net.http, end
 * to end through Keycloak's login page. Same profile and resources as OidcSignInTest, so both run on one Keycloak and
 * one application start.
 */
@QuarkusTest
@TestProfile(OidcSignInTest.OidcProfile.class)
@WithTestResource(value = KeycloakTestResource.class, parallel = true)
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class OidcAdminJourneyTest {

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @TestHTTPResource("/")
    URI site;

    @Test
    void an_admin_of_the_keycloak_group_sees_every_task_and_the_admin_pages_but_decides_none_not_assigned_to_her() {
        UUID taskId = ReviewTasks.awaitTask(Workflows.start(sqs, queueUrl, 3600));
        CookieBrowser browser = new CookieBrowser();

        HttpResponse<String> loginForm = browser.get(site.resolve("/tasks/" + taskId));
        HttpResponse<String> landed = browser.submitLoginForm(loginForm, "carol", "carol");

        assertThat(landed.uri().getPath()).isEqualTo("/tasks/" + taskId);
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.body())
                .contains("Carol Controller", "You see this review as an admin, but it is not assigned to you")
                .doesNotContain("id=\"decision-form\"");
        HttpResponse<String> everything = browser.get(site.resolve("/inbox?view=all"));
        assertThat(everything.statusCode()).isEqualTo(200);
        assertThat(everything.body()).contains("/tasks/" + taskId);
        assertThat(browser.get(site.resolve("/admin")).statusCode()).isEqualTo(200);
        assertThat(browser.get(site.resolve("/admin/audit")).statusCode()).isEqualTo(200);

        String token = KeycloakTestResource.accessToken("carol", "carol");
        assertThat(withToken(token).get("/api/tasks?view=all").jsonPath().getList("id"))
                .contains(taskId.toString());
        Response refused = withToken(token)
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "approve"))
                .post("/api/tasks/" + taskId + "/decision");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.jsonPath().getString("reason")).isEqualTo("NOT_ASSIGNED");
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void without_the_keycloak_admin_group_all_tasks_and_admin_pages_are_refused() {
        String token = KeycloakTestResource.accessToken("bob", "bob");

        withToken(token).get("/api/tasks?view=all").then().statusCode(403);
        withToken(token).redirects().follow(false).get("/admin").then().statusCode(403);
        withToken(token)
                .redirects()
                .follow(false)
                .get("/admin/audit/export.csv")
                .then()
                .statusCode(403);
    }

    @Test
    void a_raw_backslash_in_the_request_target_is_refused_before_a_sign_in_can_remember_it() {
        for (String target : List.of("/\\evil.example", "/\\/evil.example", "/tasks/\\evil.example")) {
            CookieBrowser browser = new CookieBrowser();
            CookieBrowser.RawAnswer answer = browser.sendRaw(site, target);

            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.location()).as(target).isNull();
            assertThat(browser.setCookieHeaders("q_auth")).as(target).isEmpty();
        }
    }

    @Test
    void encoded_and_doubled_slash_variants_land_on_the_inbox_after_keycloak_sign_in() {
        String origin = site.toString().replaceAll("/$", "");
        for (String attempt : List.of(
                "/%5C%5Cevil.example",
                "/%5c/evil.example",
                "/%252F%252Fevil.example",
                "/%25252F%25252Fevil.example",
                "/%09/evil.example",
                "//evil.example/tasks",
                "/%2F%2Fevil.example%2Ftasks")) {
            CookieBrowser browser = new CookieBrowser();
            HttpResponse<String> loginForm = browser.get(URI.create(origin + attempt));
            assertThat(loginForm.uri().toString())
                    .as(attempt)
                    .startsWith(KeycloakTestResource.realmUrl() + "/protocol/openid-connect/auth");

            HttpResponse<String> landed = browser.submitLoginForm(loginForm, "alice", "alice");

            assertThat(landed.uri().getHost()).as(attempt).isEqualTo(site.getHost());
            assertThat(landed.uri().getPath()).as(attempt).isEqualTo("/inbox");
            assertThat(landed.statusCode()).as(attempt).isEqualTo(200);
        }
    }

    @Test
    void an_absolute_url_as_the_request_target_brings_the_signed_in_browser_back_to_this_site_only() {
        CookieBrowser browser = new CookieBrowser();
        CookieBrowser.RawAnswer challenge = browser.sendRaw(site, "http://evil.example/tasks?from=mail");
        assertThat(challenge.status()).isEqualTo(302);
        assertThat(challenge.location()).startsWith(KeycloakTestResource.realmUrl() + "/protocol/openid-connect/auth");
        HttpResponse<String> loginForm = browser.get(URI.create(challenge.location()));

        HttpResponse<String> landed = browser.submitLoginForm(loginForm, "alice", "alice");

        // Quarkus remembers the target's path and query only, and SignInRedirects puts them on this site.
        assertThat(landed.uri().getHost()).isEqualTo(site.getHost());
        assertThat(landed.uri().getPort()).isEqualTo(site.getPort());
        assertThat(landed.uri().getPath()).isEqualTo("/tasks");
        assertThat(landed.uri().getQuery()).isEqualTo("from=mail");
    }

    private static io.restassured.specification.RequestSpecification withToken(String token) {
        return given().auth().oauth2(token);
    }
}
