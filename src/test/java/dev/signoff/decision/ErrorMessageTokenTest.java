package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * AWS validation messages quote the value they refused ("Value 'AQB...' at 'taskToken' failed to satisfy
 * constraint"): the reason Signoff keeps in its logs, outbox and audit trail must not carry the token.
 */
class ErrorMessageTokenTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAeVm3s1+Qf8K0rXh2/8bVtQm9ZJ1oC7y+wN4Tt0n5K3uGm==";

    private HttpServer server;
    private SfnClient sfn;
    private String type;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"__type\":\"" + type + "\",\"message\":\"1 validation error detected: Value '" + TOKEN
                            + "' at 'taskToken' failed to satisfy constraint\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        sfn = SfnClient.builder()
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void stop() {
        sfn.close();
        server.stop(0);
    }

    @Test
    void a_refused_callback_keeps_the_reason_without_the_token_it_quoted() {
        type = "ValidationException";
        StepFunctionsGateway gateway = new StepFunctionsGateway(sfn, StepFunctionsRates.unlimited(), 1000, 20);

        StepFunctionsGateway.Outcome outcome = gateway.sendSuccess(TOKEN, "{}");

        assertThat(outcome).isInstanceOf(StepFunctionsGateway.Outcome.Refused.class);
        assertThat(outcome.toString())
                .doesNotContain(TOKEN)
                .contains("<task token>")
                .contains("ValidationException");
    }

    @Test
    void an_invalid_token_answer_keeps_its_reason_without_the_token() {
        type = "InvalidToken";
        StepFunctionsGateway gateway = new StepFunctionsGateway(sfn, StepFunctionsRates.unlimited(), 1000, 20);

        StepFunctionsGateway.Outcome outcome = gateway.sendHeartbeat(TOKEN);

        assertThat(outcome).isInstanceOf(StepFunctionsGateway.Outcome.Gone.class);
        assertThat(outcome.toString()).doesNotContain(TOKEN).startsWith("Gone[reason=InvalidToken: ");
    }
}
