package dev.signoff.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.review.TaskStatus;
import dev.signoff.sandbox.stepfunctions.ExecutionSnapshot;
import dev.signoff.sandbox.stepfunctions.ExecutionStatus;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.CookieBrowser;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.KeycloakTestResource;
import dev.signoff.testsupport.Patience;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Production sign-in against a real Keycloak: bearer tokens on the API (only those issued for Signoff), the browser
 * code flow on pages, groups from the token deciding who sees a task, and the reviewer named in the callback taken
 * from the token.
 */
@QuarkusTest
@TestProfile(OidcSignInTest.OidcProfile.class)
// Keycloak starts in its own process alongside the in-JVM resources.
@WithTestResource(value = KeycloakTestResource.class, parallel = true)
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class OidcSignInTest {

    /** The test profile with OIDC switched on as in production, the API taking bearer tokens (not basic auth). */
    public static class OidcProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.api.tenant-enabled", "true",
                    "quarkus.http.auth.permission.api.auth-mechanism", "bearer",
                    // The test realm's `username` claim is Keycloak's user name, which users cannot change (unlike
                    // its preferred_username, which it maps from an attribute users edit).
                    "signoff.security.assignee-claim", "username",
                    // As in production (%prod): the session cookie is Secure although this test runs over http.
                    "quarkus.oidc.authentication.cookie-force-secure", "true",
                    // Any free port: the test realm accepts redirects to http://localhost:* and http://127.0.0.1:*.
                    "quarkus.http.test-port", "0");
        }
    }

    private static final String TASK_TITLE = "Invoice INV-4711: confirm low-confidence fields";

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @TestHTTPResource("/inbox")
    URI inboxPage;

    @TestHTTPResource("/logout")
    URI logout;

    @Test
    void alice_sees_her_groups_task_and_her_approval_names_her_as_the_token_does() throws Exception {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);
        String token = KeycloakTestResource.accessToken("alice", "alice");

        List<String> inbox = withToken(token)
                .get("/api/tasks")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id");
        assertThat(inbox).contains(taskId.toString());
        withToken(token)
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "approve", "comment", "Matches the PDF"))
                .post("/api/tasks/" + taskId + "/decision")
                .then()
                .statusCode(200);

        ExecutionSnapshot done = ReviewTasks.awaitClosed(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Workflows.JSON.readTree(done.output());
        assertThat(output.get("decision").asText()).isEqualTo("approved");
        assertThat(output.at("/reviewer/id").asText()).isEqualTo("alice");
        assertThat(output.at("/reviewer/name").asText()).isEqualTo("Alice Auditor");
        assertThat(output.at("/reviewer/email").asText()).isEqualTo("alice@example.com");
        assertThat(output.at("/reviewer/issuer").asText())
                .isEqualTo(KeycloakTestResource.realmUrl().toString());
        assertThat(output.at("/reviewer/subject").asText())
                .isEqualTo(claimsOf(token).get("sub").asText());
    }

    @Test
    void mallory_who_sets_her_editable_preferred_username_to_alice_cannot_see_or_decide_alices_task_on_api_or_pages()
            throws Exception {
        StartedExecution execution = Workflows.start(
                sqs,
                queueUrl,
                3600,
                body -> body.set(
                        "assignees",
                        Workflows.JSON.createObjectNode().set("users", Workflows.JSON.valueToTree(List.of("alice")))));
        UUID taskId = ReviewTasks.awaitTask(execution);
        KeycloakTestResource.editOwnProfile(
                "mallory",
                "mallory",
                Map.of("email", "mallory@example.com", "firstName", "Mallory", "lastName", "Mole"),
                "nickname",
                "alice");
        String token = KeycloakTestResource.accessToken("mallory", "mallory");
        assertThat(claimsOf(token).get("preferred_username").asText())
                .as("the claim Signoff used to take as the reviewer's id now names her colleague")
                .isEqualTo("alice");

        withToken(token).get("/api/tasks").then().statusCode(200).body("id", not(hasItem(taskId.toString())));
        withToken(token).get("/api/tasks/" + taskId).then().statusCode(404);
        withToken(token)
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "approve"))
                .post("/api/tasks/" + taskId + "/decision")
                .then()
                .statusCode(404);

        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> landed = browser.submitLoginForm(browser.get(inboxPage), "mallory", "mallory");
        assertThat(landed.uri().getPath()).isEqualTo("/inbox");
        assertThat(landed.body()).contains("Mallory Mole").doesNotContain("/tasks/" + taskId);
        assertThat(browser.get(inboxPage.resolve("/tasks/" + taskId)).statusCode())
                .isEqualTo(404);
        assertThat(browser.postForm(
                                inboxPage.resolve("/tasks/" + taskId + "/decision"),
                                Map.of("decision", "approve", "comment", "I am alice now"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);

        // Alice herself, named by the claim users cannot edit, sees it on pages (ID token) and the API (access token).
        CookieBrowser alices = new CookieBrowser();
        HttpResponse<String> alicesInbox = alices.submitLoginForm(alices.get(inboxPage), "alice", "alice");
        assertThat(alicesInbox.body()).contains("/tasks/" + taskId);
        String alicesToken = KeycloakTestResource.accessToken("alice", "alice");
        withToken(alicesToken)
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "approve", "comment", "Mine"))
                .post("/api/tasks/" + taskId + "/decision")
                .then()
                .statusCode(200);
        JsonNode alice = claimsOf(alicesToken);
        String issuer = alice.get("iss").asText();
        String subject = alice.get("sub").asText();
        withToken(alicesToken)
                .get("/api/tasks/" + taskId)
                .then()
                .statusCode(200)
                .body("decision.reviewerId", equalTo(issuer + "#" + subject));

        JsonNode output =
                Workflows.JSON.readTree(ReviewTasks.awaitClosed(execution).output());
        assertThat(output.at("/reviewer/id").asText()).isEqualTo("alice");
        assertThat(output.at("/reviewer/issuer").asText()).isEqualTo(issuer);
        assertThat(output.at("/reviewer/subject").asText()).isEqualTo(subject);
    }

    @Test
    void bob_outside_the_assigned_group_has_an_empty_inbox_and_cannot_see_or_decide_the_task() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);
        String token = KeycloakTestResource.accessToken("bob", "bob");

        withToken(token).get("/api/tasks").then().statusCode(200).body("$", empty());
        withToken(token).get("/api/tasks/" + taskId).then().statusCode(404);
        withToken(token)
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "approve"))
                .post("/api/tasks/" + taskId + "/decision")
                .then()
                .statusCode(404);
        assertThat(ReviewTasks.statusOf(taskId)).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void the_api_answers_401_without_a_valid_bearer_token() {
        given().get("/api/tasks").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        withToken("not-a-token").get("/api/tasks").then().statusCode(401);
        // Local users exist in the test profile; with OIDC on, the API must not fall back to them.
        given().auth()
                .preemptive()
                .basic("reviewer", "reviewer")
                .get("/api/tasks")
                .then()
                .statusCode(401);
    }

    @Test
    void a_token_keycloak_issued_to_another_client_of_the_realm_is_refused_even_for_the_same_user() {
        String ours = KeycloakTestResource.accessToken("alice", "alice");
        String theirs = KeycloakTestResource.accessToken(
                KeycloakTestResource.OTHER_CLIENT_ID, KeycloakTestResource.OTHER_CLIENT_SECRET, "alice", "alice");
        JsonNode theirClaims = claimsOf(theirs);
        assertThat(theirClaims.get("preferred_username").asText())
                .as("the same user, with the same groups: only the audience differs")
                .isEqualTo("alice");
        assertThat(theirClaims.get("groups").toString()).contains("finance-reviewers");
        assertThat(theirClaims.get("azp").asText()).isEqualTo(KeycloakTestResource.OTHER_CLIENT_ID);
        assertThat(String.valueOf(theirClaims.get("aud"))).doesNotContain("\"" + KeycloakTestResource.CLIENT_ID + "\"");
        assertThat(claimsOf(ours).get("aud").toString()).contains("\"" + KeycloakTestResource.CLIENT_ID + "\"");

        withToken(ours).get("/api/tasks").then().statusCode(200);
        withToken(theirs).get("/api/tasks").then().statusCode(401);
        withToken(theirs)
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "approve"))
                .post("/api/tasks/" + UUID.randomUUID() + "/decision")
                .then()
                .statusCode(401);
        // The pages' tenant is hybrid and takes bearer tokens too: the same rule holds there.
        withToken(ours).redirects().follow(false).get("/inbox").then().statusCode(200);
        withToken(theirs).redirects().follow(false).get("/inbox").then().statusCode(401);
    }

    @Test
    void a_browser_without_a_session_is_sent_to_keycloak_to_sign_in() {
        given().redirects()
                .follow(false)
                .accept(ContentType.HTML)
                .get("/inbox")
                .then()
                .statusCode(302)
                .header("Location", startsWith(KeycloakTestResource.realmUrl() + "/protocol/openid-connect/auth?"))
                .header("Location", containsString("client_id=" + KeycloakTestResource.CLIENT_ID))
                .header("Location", containsString("response_type=code"));
    }

    @Test
    void alice_signs_in_on_the_keycloak_form_lands_on_her_inbox_and_signing_out_ends_the_keycloak_session() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);
        CookieBrowser browser = new CookieBrowser();
        long signInsBefore = oidcSignIns("Alice Auditor");

        HttpResponse<String> loginForm = browser.get(inboxPage);
        assertThat(loginForm.uri().toString())
                .startsWith(KeycloakTestResource.realmUrl() + "/protocol/openid-connect/auth");
        HttpResponse<String> landed = browser.submitLoginForm(loginForm, "alice", "alice");

        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/inbox");
        assertThat(landed.body()).contains("Alice Auditor", TASK_TITLE, "/tasks/" + taskId);
        // The completed code flow is one SIGNED_IN event, by alice's issuer#sub id (web/SignInAudit).
        Patience.await().until(() -> oidcSignIns("Alice Auditor") > signInsBefore);

        HttpResponse<String> signOut = browser.postWithoutFollowing(logout);
        assertThat(signOut.statusCode()).isEqualTo(303);
        String endSession = signOut.headers().firstValue("Location").orElseThrow();
        assertThat(endSession).startsWith(KeycloakTestResource.realmUrl() + "/protocol/openid-connect/logout");
        HttpResponse<String> afterSignOut = browser.get(URI.create(endSession));
        assertThat(afterSignOut.uri().toString())
                .as("back at Signoff, which sends the signed-out browser to Keycloak's login form again")
                .startsWith(KeycloakTestResource.realmUrl() + "/protocol/openid-connect/auth");
        assertThat(afterSignOut.body()).contains("kc-form-login").doesNotContain("Alice Auditor");
    }

    private static long oidcSignIns(String name) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                                .createNativeQuery("select count(*) from audit_event where type = 'SIGNED_IN'"
                                        + " and detail = 'OIDC sign-in' and actor_name = ?1 and actor like '%#%'")
                                .setParameter(1, name)
                                .getSingleResult())
                        .longValue());
    }

    @Test
    void a_task_opened_signed_out_goes_through_keycloaks_login_page_and_back_to_exactly_that_task() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);
        CookieBrowser browser = new CookieBrowser();

        HttpResponse<String> loginForm = browser.get(inboxPage.resolve("/tasks/" + taskId + "?from=mail"));
        assertThat(loginForm.uri().toString())
                .startsWith(KeycloakTestResource.realmUrl() + "/protocol/openid-connect/auth")
                .as("Keycloak sends every sign-in back to the one registered path")
                .contains("redirect_uri=" + URLEncoder.encode(site() + "/signed-in", StandardCharsets.UTF_8));
        assertThat(loginForm.body()).contains("kc-form-login");
        HttpResponse<String> landed = browser.submitLoginForm(loginForm, "alice", "alice");

        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/tasks/" + taskId);
        assertThat(landed.uri().getQuery()).isEqualTo("from=mail");
        assertThat(landed.body()).contains(TASK_TITLE, "Alice Auditor");
    }

    @Test
    void links_whose_path_a_browser_reads_as_another_host_land_on_the_inbox_after_keycloak_sign_in() {
        for (String attempt : List.of(
                "//evil.example",
                "///evil.example/x",
                "/%2F%2Fevil.example",
                "/%5Cevil.example",
                "/https://evil.example")) {
            CookieBrowser browser = new CookieBrowser();
            HttpResponse<String> loginForm = browser.get(URI.create(site() + attempt));
            assertThat(loginForm.uri().toString())
                    .as(attempt)
                    .startsWith(KeycloakTestResource.realmUrl() + "/protocol/openid-connect/auth");

            HttpResponse<String> landed = browser.submitLoginForm(loginForm, "alice", "alice");

            assertThat(landed.uri().getHost()).as(attempt).isEqualTo(inboxPage.getHost());
            assertThat(landed.uri().getPath()).as(attempt).isEqualTo("/inbox");
            assertThat(landed.statusCode()).as(attempt).isEqualTo(200);
        }
    }

    @Test
    void the_oidc_session_cookie_is_secure_http_only_same_site_lax_and_issued_anew_at_each_sign_in() {
        CookieBrowser browser = new CookieBrowser();
        HttpResponse<String> loginForm = browser.get(inboxPage);
        assertThat(browser.setCookieHeaders("q_session"))
                .as("no session exists before sign-in, so none can be planted and carried over")
                .isEmpty();
        browser.submitLoginForm(loginForm, "alice", "alice");
        CookieBrowser again = new CookieBrowser();
        again.submitLoginForm(again.get(inboxPage), "alice", "alice");

        List<String> session = browser.setCookieHeaders("q_session");
        assertThat(session)
                .isNotEmpty()
                .allSatisfy(header -> assertThat(header)
                        .containsIgnoringCase("; HttpOnly")
                        .containsIgnoringCase("; Secure")
                        .containsIgnoringCase("; SameSite=Lax"));
        assertThat(browser.setCookieHeaders("q_auth").stream()
                        .filter(header -> !header.contains("Max-Age=0"))
                        .toList())
                .as("the state cookie of the code flow (not its removal once the code is exchanged)")
                .isNotEmpty()
                .allSatisfy(header ->
                        assertThat(header).containsIgnoringCase("; HttpOnly").containsIgnoringCase("; Secure"));
        // The session may be split into q_session_chunk_N cookies: compare the first of each sign-in.
        assertThat(cookieValue(session.get(0)))
                .isNotBlank()
                .isNotEqualTo(cookieValue(again.setCookieHeaders("q_session").get(0)));
    }

    @Test
    void signing_out_of_a_local_form_session_clears_its_cookie_and_stays_here() {
        String session = given().redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("j_username", "reviewer")
                .formParam("j_password", "reviewer")
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .extract()
                .cookie("quarkus-credential");

        Response signOut = given().redirects()
                .follow(false)
                .cookie("quarkus-credential", session)
                .post("/logout");

        assertThat(signOut.statusCode()).isEqualTo(303);
        assertThat(signOut.header("Location")).endsWith("/login");
        assertThat(signOut.detailedCookie("quarkus-credential").getMaxAge()).isZero();
    }

    private static String cookieValue(String setCookieHeader) {
        return setCookieHeader.substring(0, setCookieHeader.indexOf(';'));
    }

    /** This app's origin, e.g. {@code http://localhost:PORT}, to put raw paths after. */
    private String site() {
        return inboxPage.resolve("/").toString().replaceAll("/$", "");
    }

    private static RequestSpecification withToken(String token) {
        return given().auth().oauth2(token);
    }

    /** The payload of a JWT, read without verifying it (the test only inspects what Keycloak put in). */
    private static JsonNode claimsOf(String jwt) {
        try {
            return Workflows.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
