package dev.signoff.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.ReviewTasks;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The sandbox's form login returns a browser to the page it asked for, only on this site; its session cookie is
 * HttpOnly and SameSite=Lax, and a new one is issued at every sign-in. The OIDC equivalent is in OidcSignInTest.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class SignInReturnTest {

    private static final String REMEMBERED = "quarkus-redirect-location";
    private static final String SESSION = "quarkus-credential";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI root;

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void a_task_opened_signed_out_is_where_the_reviewer_lands_after_signing_in() {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600);
        UUID taskId = ReviewTasks.awaitTask(execution);

        Challenge challenge = openSignedOut("/tasks/" + taskId);
        assertThat(challenge.status()).isEqualTo(302);
        assertThat(challenge.location()).endsWith("/login");
        Response signIn = signIn(challenge.remembered(), "reviewer");

        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.header("Location")).isEqualTo("/tasks/" + taskId);
        given().cookie(SESSION, signIn.cookie(SESSION))
                .accept(ContentType.HTML)
                .get(signIn.header("Location"))
                .then()
                .statusCode(200);
    }

    @Test
    void a_link_whose_path_a_browser_reads_as_another_host_lands_on_the_inbox_after_signing_in() {
        for (String attempt : List.of(
                "//evil.example",
                "//evil.example/tasks",
                "///evil.example",
                "/%2F%2Fevil.example",
                "/%2f/evil.example",
                "/%5Cevil.example",
                "/%5C%5Cevil.example",
                "/%252F%252Fevil.example",
                "/%09/evil.example",
                "/https://evil.example")) {
            Challenge challenge = openSignedOut(attempt);
            assertThat(challenge.status()).as(attempt).isEqualTo(302);
            Response signIn = signIn(challenge.remembered(), "reviewer");
            assertThat(signIn.statusCode()).as(attempt).isEqualTo(302);
            assertThat(signIn.header("Location")).as(attempt).isEqualTo("/inbox");
        }
    }

    @Test
    void a_remembered_page_planted_for_another_site_refuses_the_sign_in_instead_of_redirecting() {
        Response signIn = signIn(new Cookie.Builder(REMEMBERED, "https://evil.example/tasks").build(), "reviewer");

        // Quarkus itself checks the cookie's origin (a sibling subdomain could set it) and refuses the sign-in.
        assertThat(signIn.statusCode()).isEqualTo(401);
        assertThat(signIn.header("Location")).isNull();
    }

    @Test
    void signing_in_without_a_remembered_page_lands_on_the_inbox() {
        Response signIn = signIn(null, "reviewer");

        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.header("Location")).isEqualTo("/inbox");
    }

    @Test
    void the_session_cookie_is_http_only_same_site_lax_and_new_at_every_sign_in() {
        String planted = "planted-by-someone-else";
        Response first = given().redirects()
                .follow(false)
                .cookie(SESSION, planted)
                .contentType(ContentType.URLENC)
                .formParam("j_username", "reviewer")
                .formParam("j_password", "reviewer")
                .post("/j_security_check");
        Response second = signIn(null, "reviewer");

        Cookie session = first.detailedCookie(SESSION);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(session.getPath()).isEqualTo("/");
        assertThat(session.getValue()).isNotBlank().isNotEqualTo(planted);
        assertThat(second.cookie(SESSION)).isNotEqualTo(session.getValue());
    }

    /** What a browser is told when it opens the link signed out, and the page Quarkus remembers for it. */
    private Challenge openSignedOut(String rawPath) {
        // java.net.http sends the path exactly as given (RestAssured would fold "//" into "/").
        HttpRequest request = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + rawPath))
                .header("Accept", "text/html")
                .build();
        try {
            HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            Cookie remembered = response.headers().allValues("Set-Cookie").stream()
                    .flatMap(header -> HttpCookie.parse(header).stream())
                    .filter(cookie -> cookie.getName().equals(REMEMBERED))
                    .map(cookie -> new Cookie.Builder(REMEMBERED, cookie.getValue()).build())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No " + REMEMBERED + " cookie for " + rawPath));
            return new Challenge(
                    response.statusCode(),
                    response.headers().firstValue("Location").orElse(null),
                    remembered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Challenge(int status, String location, Cookie remembered) {}

    private static Response signIn(Cookie remembered, String user) {
        var request = given().redirects().follow(false).contentType(ContentType.URLENC);
        if (remembered != null) {
            request = request.cookie(remembered);
        }
        return request.formParam("j_username", user)
                .formParam("j_password", user)
                .post("/j_security_check");
    }
}
