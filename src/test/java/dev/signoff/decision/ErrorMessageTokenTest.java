package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.ScriptedStepFunctions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * AWS validation messages quote the value they refused ("Value 'AQB...' at 'taskToken' failed to satisfy
 * constraint"): the reason Signoff keeps in its logs, outbox and audit trail must not carry the token.
 */
class ErrorMessageTokenTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAeVm3s1+Qf8K0rXh2/8bVtQm9ZJ1oC7y+wN4Tt0n5K3uGm==";

    private ScriptedStepFunctions endpoint;
    private SfnClient sfn;
    private String type;

    @BeforeEach
    void start() {
        endpoint = ScriptedStepFunctions.start(n -> ScriptedStepFunctions.Answer.error(
                400,
                type,
                "1 validation error detected: Value '" + TOKEN + "' at 'taskToken' failed to satisfy" + " constraint"));
        sfn = endpoint.client(AwsRetryStrategy.doNotRetry());
    }

    @AfterEach
    void stop() {
        sfn.close();
        endpoint.close();
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
