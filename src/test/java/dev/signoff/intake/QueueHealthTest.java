package dev.signoff.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.MutableClock;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SqsProxyTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readiness reports SQS: the review queue's attributes asked within a timeout, the answer kept for a while. */
@QuarkusTest
@WithTestResource(SqsProxyTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
class QueueHealthTest {

    /** Longer than signoff.intake.readiness-cache (15 s): the next probe asks SQS again. */
    private static final Duration PAST_THE_CACHE = Duration.ofSeconds(16);

    private final MutableClock clock = StepFunctionsTestResource.clock();

    @Test
    void readiness_is_down_while_the_review_queue_cannot_be_reached_and_up_again_once_it_can() {
        clock.advance(PAST_THE_CACHE);
        assertThat(sqsCheck().getString("status")).isEqualTo("UP");

        SqsProxyTestResource.proxy().cut();
        try {
            // Within the cache the last answer stands: probes do not each call SQS.
            assertThat(sqsCheck().getString("status")).isEqualTo("UP");

            clock.advance(PAST_THE_CACHE);
            given().get("/q/health/ready").then().statusCode(503);
            JsonPath down = sqsCheck();
            assertThat(down.getString("status")).isEqualTo("DOWN");
            assertThat(down.getString("data.problem")).isNotBlank();
        } finally {
            SqsProxyTestResource.proxy().restore();
        }

        clock.advance(PAST_THE_CACHE);
        assertThat(sqsCheck().getString("status")).isEqualTo("UP");
    }

    private static JsonPath sqsCheck() {
        JsonPath health = given().get("/q/health/ready").jsonPath();
        health.setRootPath("checks.find { it.name == 'sqs' }");
        return health;
    }
}
