package dev.signoff.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.web.AuthorizationMatrix.Role;
import dev.signoff.web.AuthorizationMatrix.Row;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Asks every cell of {@link AuthorizationMatrix}: each route as each role, on the role's own task and on a foreign one,
 * and compares the exact status. Pages are asked with a form-login session as a browser has one, the JSON API with
 * basic auth as the test profile's API clients sign in; posts from pages carry the Sec-Fetch-Site a browser sends. A
 * cell that changes state gets a task of its own ({@link MatrixTasks}); the others share one per kind and state.
 * Every wrong cell is listed at once, and the number of cells is printed.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class AuthorizationMatrixTest {

    private static final String SESSION = "quarkus-credential";

    /** What Chromium sends for a page, a link or a download: HTML first, anything else too. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Inject
    SqsClient sqs;

    @Inject
    S3Client s3;

    @Inject
    Clock clock;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @Test
    void every_route_answers_each_role_with_exactly_the_status_the_matrix_gives() {
        s3.putObject(
                r -> r.bucket(S3ProxyTestResource.BUCKET).key(MatrixTasks.ARTIFACT_KEY),
                RequestBody.fromString(MatrixTasks.ARTIFACT_TEXT));
        MatrixTasks tasks = MatrixTasks.prepare(sqs, queueUrl, AuthorizationMatrix.rows());
        Map<Role, String> sessions = signIn();
        List<String> wrong = new ArrayList<>();
        int cells = 0;

        for (Row row : AuthorizationMatrix.rows()) {
            for (boolean foreign : row.concernsTask() ? List.of(false, true) : List.of(false)) {
                List<UUID> fresh = row.concernsTask() && !row.method().equals("GET")
                        ? tasks.fresh(foreign, row.given())
                        : List.of();
                for (Role role : Role.values()) {
                    UUID task = !row.concernsTask()
                            ? null
                            : fresh.isEmpty() ? tasks.shared(foreign, row.given()) : fresh.get(role.ordinal());
                    String expected = row.expected(role, foreign);
                    Response answer = ask(row, role, sessions.get(role), task);
                    cells++;
                    if (!matches(expected, answer)) {
                        wrong.add(String.format(
                                "%-70s %-14s %-7s expected %-5s got %d%s",
                                row,
                                role,
                                row.concernsTask() ? (foreign ? "foreign" : "own") : "",
                                expected,
                                answer.statusCode(),
                                answer.header("Location") == null ? "" : " -> " + answer.header("Location")));
                    }
                }
            }
        }

        System.out.printf(
                "Authorization matrix: %d cells, %d rows%n",
                cells, AuthorizationMatrix.rows().size());
        assertThat(wrong)
                .as("Cells of the authorization matrix answered otherwise:%n%s", String.join("\n", wrong))
                .isEmpty();
    }

    @Test
    void every_state_changing_route_refuses_a_request_from_another_site_even_for_an_assigned_admin() {
        MatrixTasks tasks = MatrixTasks.prepare(sqs, queueUrl, List.of());
        Map<Role, String> sessions = signIn();
        for (Row row : AuthorizationMatrix.rows()) {
            if (row.method().equals("GET")
                    || !ApplicationRoutes.resourceMethods().contains(row.route())) {
                continue; // j_security_check is Quarkus' form login: production has no local users to sign in as
            }
            UUID task = row.concernsTask() ? tasks.shared(false, "") : null;
            Response answer = request(row, Role.ASSIGNED_ADMIN, sessions.get(Role.ASSIGNED_ADMIN), task)
                    .header("Sec-Fetch-Site", "cross-site")
                    .header("Origin", "https://evil.example")
                    .request(row.method(), path(row, task));

            assertThat(answer.statusCode()).as(row.toString()).isEqualTo(403);
            assertThat(answer.asString()).as(row.toString()).contains("Cross-site requests are not accepted.");
        }
    }

    @Test
    void a_browser_session_does_not_open_the_json_api() {
        MatrixTasks tasks = MatrixTasks.prepare(sqs, queueUrl, List.of());
        String session = signIn().get(Role.ASSIGNED_ADMIN);
        for (Row row : AuthorizationMatrix.rows()) {
            if (!row.path().startsWith("/api/")) {
                continue;
            }
            UUID task = row.concernsTask() ? tasks.shared(false, "") : null;
            Response answer = request(row, Role.ANONYMOUS, null, task)
                    .cookie(SESSION, session)
                    .request(row.method(), path(row, task));

            // The API takes its own credentials only (bearer tokens in production), so no page can call it.
            assertThat(answer.statusCode()).as(row.toString()).isEqualTo(401);
        }
    }

    private Response ask(Row row, Role role, String session, UUID task) {
        return request(row, role, session, task).request(row.method(), path(row, task));
    }

    private io.restassured.specification.RequestSpecification request(Row row, Role role, String session, UUID task) {
        boolean api = row.path().startsWith("/api/");
        var request = given().redirects().follow(false).accept(api ? ContentType.JSON.toString() : BROWSER_ACCEPT);
        if (role != Role.ANONYMOUS) {
            request = api ? request.auth().preemptive().basic(role.user, role.user) : request.cookie(SESSION, session);
        }
        if (!row.method().equals("GET") && !api) {
            // What a browser sends with a form post from one of the app's own pages.
            request = request.header("Sec-Fetch-Site", "same-origin");
        }
        String sends = row.sends();
        if (sends.startsWith("htmx")) {
            request = request.header("HX-Request", "true");
            if (sends.startsWith("htmx:")) {
                request = request.header(
                        "HX-Target", sends.substring(5, sends.indexOf(' ') < 0 ? sends.length() : sends.indexOf(' ')));
            }
            sends = sends.indexOf(' ') < 0
                    ? ""
                    : sends.substring(sends.indexOf(' ') + 1).strip();
        }
        String body = sends.replace("{user}", role.user == null ? "nobody" : role.user)
                .replace("{in-a-day}", clock.instant().plus(Duration.ofDays(1)).toString());
        if (body.startsWith("form ")) {
            request = request.contentType(ContentType.URLENC);
            for (String field : body.substring(5).split("&")) {
                String[] pair = field.split("=", 2);
                request = request.formParam(pair[0], pair.length > 1 ? pair[1] : "");
            }
        } else if (body.startsWith("json ")) {
            request = request.contentType(ContentType.JSON).body(body.substring(5));
        } else if (!body.isEmpty()) {
            throw new IllegalArgumentException("Cannot send " + sends + " (" + row + ")");
        }
        return request;
    }

    private static String path(Row row, UUID task) {
        String id = task == null ? UUID.randomUUID().toString() : task.toString();
        return row.path()
                .replace("{id}", id)
                .replace("{taskId}", id)
                .replace("{index}", "0")
                .replace("{messageId}", UUID.randomUUID().toString());
    }

    private static boolean matches(String expected, Response answer) {
        if (expected.equals("login")) {
            String location = answer.header("Location");
            return answer.statusCode() == 302
                    && location != null
                    && location.matches("(https?://[^/]+)?/login(\\?.*)?");
        }
        return answer.statusCode() == Integer.parseInt(expected);
    }

    /** A form-login session per role, as the sign-in page gives a browser one. */
    private static Map<Role, String> signIn() {
        Map<Role, String> sessions = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            if (role != Role.ANONYMOUS) {
                Response signedIn = given().redirects()
                        .follow(false)
                        .contentType(ContentType.URLENC)
                        .formParam("j_username", role.user)
                        .formParam("j_password", role.user)
                        .post("/j_security_check");
                assertThat(signedIn.header("Location")).as(role.user).endsWith("/inbox");
                sessions.put(role, signedIn.cookie(SESSION));
            }
        }
        return sessions;
    }
}
