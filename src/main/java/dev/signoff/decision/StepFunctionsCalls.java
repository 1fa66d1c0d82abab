package dev.signoff.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts every Step Functions call and every throttled attempt, by operation, from the SDK's own per-call metrics: the
 * SDK retries a throttled attempt by itself, so the gateway's answer alone would hide most throttles. Labels are the
 * SDK's operation names and a fixed result, never anything from a request.
 */
final class StepFunctionsCalls implements MetricPublisher {

    static final String CALLS = "signoff.stepfunctions.calls";
    static final String THROTTLES = "signoff.stepfunctions.throttles";

    /** The SDK's name for a throttled attempt (its SdkErrorType.THROTTLING). */
    private static final String THROTTLING = "Throttling";

    /** The operations the gateway calls: their throttle counters exist from the start, at 0. */
    static final List<String> OPERATIONS =
            List.of("SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat", "GetExecutionHistory");

    private final MeterRegistry registry;

    StepFunctionsCalls(MeterRegistry registry) {
        this.registry = registry;
        OPERATIONS.forEach(this::throttles);
    }

    @Override
    public void publish(MetricCollection call) {
        String operation = call.metricValues(CoreMetric.OPERATION_NAME).stream()
                .findFirst()
                .orElse("unknown");
        boolean succeeded = call.metricValues(CoreMetric.API_CALL_SUCCESSFUL).stream()
                .findFirst()
                .orElse(false);
        calls(operation, succeeded ? "success" : "error").increment();
        long throttled = call.children().stream()
                .filter(attempt -> attempt.metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING))
                .count();
        if (throttled > 0) {
            throttles(operation).increment(throttled);
        }
    }

    private Counter calls(String operation, String result) {
        return Counter.builder(CALLS)
                .description("Step Functions API calls (SDK retries included in one call)")
                .tag("operation", operation)
                .tag("result", result)
                .register(registry);
    }

    private Counter throttles(String operation) {
        return Counter.builder(THROTTLES)
                .description("Step Functions attempts answered with throttling")
                .tag("operation", operation)
                .register(registry);
    }

    @Override
    public void close() {
        // Nothing to flush: the counters live in the registry.
    }
}
