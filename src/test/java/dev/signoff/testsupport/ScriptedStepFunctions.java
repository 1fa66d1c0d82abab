package dev.signoff.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A local HTTP endpoint that answers Step Functions calls as a test scripts them (by the request's number, from 1),
 * and counts what reaches it: for the exact error bodies and sequences the stand-in's faults do not give.
 */
public final class ScriptedStepFunctions implements AutoCloseable {

    /** One HTTP answer in the JSON protocol's shape. */
    public record Answer(int status, String body) {
        public static Answer ok() {
            return new Answer(200, "{}");
        }

        public static Answer error(int status, String type, String message) {
            return new Answer(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private ScriptedStepFunctions(IntFunction<Answer> answers) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Answer answer = answers.apply(requests.incrementAndGet());
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static ScriptedStepFunctions start(IntFunction<Answer> answers) {
        return new ScriptedStepFunctions(answers);
    }

    /** An SDK client for this endpoint with these retries (close it before the endpoint). */
    public SfnClient client(RetryStrategy retries) {
        return SfnClient.builder()
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(retries))
                .build();
    }

    /** Requests that reached the endpoint so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
