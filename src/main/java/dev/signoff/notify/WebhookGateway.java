package dev.signoff.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts to Slack and Microsoft Teams incoming webhooks, in the outcomes the outbox acts on: a 2xx is sent; a 429 or
 * 5xx, a timeout or a broken connection is worth another try; any other 4xx (a webhook that was deleted, a payload it
 * refuses) is refused for good. The URL is never logged or recorded: it is the webhook's secret.
 */
@ApplicationScoped
class WebhookGateway {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_BODY = 300;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    MailGateway.Result post(URI url, String json) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return classify(response.statusCode(), response.body());
        } catch (IOException e) {
            return new MailGateway.Retryable(e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MailGateway.Retryable("interrupted");
        }
    }

    static MailGateway.Result classify(int status, String body) {
        if (status >= 200 && status < 300) {
            return new MailGateway.Sent();
        }
        String reason = "HTTP " + status + ": " + oneLine(body);
        if (status == 429 || status >= 500) {
            return new MailGateway.Retryable(reason);
        }
        return new MailGateway.Refused(reason);
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_BODY ? line : line.substring(0, MAX_BODY) + "…";
    }
}
