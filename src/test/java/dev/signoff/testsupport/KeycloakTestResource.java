package dev.signoff.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a real Keycloak (src/test/keycloak/start-keycloak.sh, realm {@value #REALM} from
 * src/test/resources/keycloak/signoff-realm.json) on a free port and points quarkus-oidc at it. The first start on a
 * machine downloads and builds Keycloak; later ones reuse target/keycloak. The process is stopped in {@link #stop()}.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "signoff";
    public static final String CLIENT_ID = "signoff";
    public static final String CLIENT_SECRET = "signoff-test-secret";
    /** Another application's client in the same realm: its tokens are not Signoff's. */
    public static final String OTHER_CLIENT_ID = "expense-reports";

    public static final String OTHER_CLIENT_SECRET = "expense-reports-test-secret";

    private static final Path SCRIPT = Path.of("src/test/keycloak/start-keycloak.sh");
    private static final Path LOG = Path.of("target/keycloak/keycloak.log");
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(5);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static volatile URI realmUrl;
    private Process process;
    private Thread shutdownHook;

    /** The realm's base URL, e.g. {@code http://127.0.0.1:PORT/realms/signoff} (also the tokens' issuer). */
    public static URI realmUrl() {
        return realmUrl;
    }

    /** An access token for a realm user, by the password grant (direct access grants are on for the test client). */
    public static String accessToken(String username, String password) {
        return accessToken(CLIENT_ID, CLIENT_SECRET, username, password);
    }

    /** An access token that the realm issues to the given client for a realm user, by the password grant. */
    public static String accessToken(String clientId, String clientSecret, String username, String password) {
        String form = Stream.of(
                        Map.entry("grant_type", "password"),
                        Map.entry("client_id", clientId),
                        Map.entry("client_secret", clientSecret),
                        Map.entry("username", username),
                        Map.entry("password", password),
                        Map.entry("scope", "openid"))
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + username + ": " + response.body());
            }
            JsonNode body = Workflows.JSON.readTree(response.body());
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sets one of the user's own profile attributes the way the user can in Keycloak's account console: through the
     * account REST API, with the user's own token (no admin involved). The test realm lets users edit
     * {@code nickname} and maps it to the {@code preferred_username} claim, as a provider that makes
     * {@code preferred_username} an ordinary user attribute (Amazon Cognito) does.
     */
    public static void editOwnProfile(
            String username, String password, Map<String, String> profile, String attribute, String value) {
        ObjectNode body = Workflows.JSON.createObjectNode();
        body.put("username", username);
        profile.forEach(body::put);
        body.putObject("attributes").putArray(attribute).add(value);
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/account/"))
                .header("Authorization", "Bearer " + accessToken(username, password))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Keycloak's account API refused " + username + "'s edit: "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        int port = freePort();
        try {
            Files.createDirectories(LOG.getParent());
            ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(LOG.toFile());
            String mavenHome = System.getProperty("maven.home");
            if (mavenHome != null && Files.isExecutable(Path.of(mavenHome, "bin", "mvn"))) {
                builder.environment()
                        .put("MVN", Path.of(mavenHome, "bin", "mvn").toString());
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + SCRIPT, e);
        }
        shutdownHook = new Thread(this::kill, "keycloak-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        realmUrl = URI.create("http://127.0.0.1:" + port + "/realms/" + REALM);
        awaitReady();
        return Map.of(
                "quarkus.oidc.auth-server-url", realmUrl.toString(),
                "quarkus.oidc.client-id", CLIENT_ID,
                "quarkus.oidc.credentials.secret", CLIENT_SECRET);
    }

    @Override
    public void stop() {
        kill();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: nothing left to undo.
            }
            shutdownHook = null;
        }
    }

    private void awaitReady() {
        URI discovery = URI.create(realmUrl + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(STARTUP_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped (exit code " + process.exitValue()
                        + ") before it was ready. Last lines of " + LOG + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = HTTP.send(
                        HttpRequest.newBuilder(discovery)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(Duration.ofMillis(500));
        }
        kill();
        throw new IllegalStateException(
                "Keycloak was not ready within " + STARTUP_LIMIT + ". Last lines of " + LOG + ":\n" + tail());
    }

    private synchronized void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (ProcessHandle handle : tree) {
            try {
                long left =
                        Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                handle.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    private static String tail() {
        try (Stream<String> lines = Files.lines(LOG)) {
            List<String> all = lines.filter(l -> !l.startsWith("WARNING: ")).toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
