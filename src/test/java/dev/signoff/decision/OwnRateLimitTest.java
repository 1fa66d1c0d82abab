package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A call past Signoff's own limit is never made: the caller gets a retryable answer at once. The client points at a
 * port nothing listens on, so a call that did go out would come back as a network failure instead.
 */
class OwnRateLimitTest {

    // Time stands still and the one permit is taken: every further call would wait a full second.
    private final RateLimiter spent = new RateLimiter(1, 1, () -> 0L, nanos -> {});
    private final SfnClient sfn = SfnClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:9"))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StepFunctionsGateway gateway = new StepFunctionsGateway(
            sfn, new StepFunctionsRates(spent, spent, spent, Duration.ofMillis(500), registry), 1000, 20);

    @AfterEach
    void close() {
        sfn.close();
    }

    @Test
    void callbacks_heartbeats_and_reads_past_the_limit_are_not_sent_and_may_be_retried() {
        assertThat(spent.reserve(Duration.ZERO)).isZero();

        assertThat(gateway.sendHeartbeat("token"))
                .isEqualTo(new StepFunctionsGateway.Outcome.Retryable(StepFunctionsGateway.OWN_LIMIT));
        assertThat(gateway.sendSuccess("token", "{}"))
                .isEqualTo(new StepFunctionsGateway.Outcome.Retryable(StepFunctionsGateway.OWN_LIMIT));
        assertThat(gateway.describe("arn:aws:states:us-east-1:123456789012:execution:wf:run"))
                .isEqualTo(new StepFunctionsGateway.Described.Unknown(StepFunctionsGateway.OWN_LIMIT));
        assertThat(gateway.history(
                        "arn:aws:states:us-east-1:123456789012:execution:wf:run",
                        new StepFunctionsGateway.Marker("deliveryId", "d-1"),
                        Duration.ofSeconds(5)))
                .isEqualTo(StepFunctionsGateway.History.UNREADABLE);
        assertThat(refused("send-task")).as("heartbeat and callback").isEqualTo(2);
        assertThat(refused("describe-execution")).isEqualTo(1);
        assertThat(refused("get-execution-history")).isEqualTo(1);
    }

    private double refused(String group) {
        return registry.get(StepFunctionsRates.REFUSED)
                .tag("group", group)
                .counter()
                .count();
    }
}
