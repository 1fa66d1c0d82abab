package dev.signoff.testsupport;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP endpoint standing in for Slack's and Teams' incoming webhooks: /slack answers 200 "ok", /teams 202,
 * /gone 404 (a deleted webhook). It keeps every post it got; the app is configured with four webhooks: team-slack
 * (the invoice-processing workflow), team-teams (the finance-reviewers group), gone (every task) and elsewhere
 * (another workflow, never matched).
 */
public class WebhookTestResource implements QuarkusTestResourceLifecycleManager {

    /** A post the endpoint received. */
    public record Received(String path, String contentType, String body) {}

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.add(new Received(path, exchange.getRequestHeaders().getFirst("Content-Type"), body));
            int status = switch (path) {
                case "/slack" -> 200;
                case "/teams" -> 202;
                default -> 404;
            };
            byte[] answer = (status == 404 ? "no_service" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "signoff.notify.webhooks.team-slack.url",
                base + "/slack",
                "signoff.notify.webhooks.team-slack.workflows",
                "invoice-processing",
                "signoff.notify.webhooks.team-teams.url",
                base + "/teams",
                "signoff.notify.webhooks.team-teams.kind",
                "teams",
                "signoff.notify.webhooks.team-teams.groups",
                "finance-reviewers",
                "signoff.notify.webhooks.gone.url",
                base + "/gone",
                "signoff.notify.webhooks.elsewhere.url",
                base + "/elsewhere",
                "signoff.notify.webhooks.elsewhere.workflows",
                "another-workflow");
    }

    public static List<Received> received() {
        return List.copyOf(RECEIVED);
    }

    public static void forget() {
        RECEIVED.clear();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
