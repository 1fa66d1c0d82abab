package dev.signoff.sandbox.stepfunctions;

import java.util.Objects;

/** A failure injected into the next {@code times} calls of one operation. */
public sealed interface Fault permits Fault.Reject, Fault.LoseResponse, Fault.SlowResponse {

    int times();

    /** Answer with this error without applying the call, as AWS does when it throttles or has an outage. */
    record Reject(String errorCode, int httpStatus, int times) implements Fault {
        public Reject {
            Objects.requireNonNull(errorCode, "errorCode");
            if (httpStatus < 400 || httpStatus > 599) {
                throw new IllegalArgumentException("httpStatus must be 4xx or 5xx");
            }
            requirePositive(times);
        }
    }

    /** Apply the call, then keep its response from the client: the effect stands, the client sees a failure. */
    record LoseResponse(How how, int times) implements Fault {
        public LoseResponse {
            Objects.requireNonNull(how, "how");
            requirePositive(times);
        }
    }

    /**
     * Apply the call, then answer only after {@code upTo}, or sooner when {@link StepFunctionsStandIn#releaseSlow()}
     * is called: a slow endpoint. Tests use the release to order calls without timing; the sandbox may use it as
     * plain latency.
     */
    record SlowResponse(java.time.Duration upTo, int times) implements Fault {
        public SlowResponse {
            Objects.requireNonNull(upTo, "upTo");
            if (upTo.isNegative()) {
                throw new IllegalArgumentException("upTo must not be negative");
            }
            requirePositive(times);
        }
    }

    enum How {
        /** The client receives HTTP 500 InternalFailure. */
        RESPOND_500,
        /** The connection is closed before any response byte. */
        DROP_CONNECTION
    }

    static Fault reject(String errorCode, int httpStatus, int times) {
        return new Reject(errorCode, httpStatus, times);
    }

    static Fault throttling(int times) {
        return new Reject("ThrottlingException", 400, times);
    }

    static Fault serviceUnavailable(int times) {
        return new Reject("ServiceUnavailable", 503, times);
    }

    static Fault internalFailure(int times) {
        return new Reject("InternalFailure", 500, times);
    }

    static Fault applyThenRespond500(int times) {
        return new LoseResponse(How.RESPOND_500, times);
    }

    static Fault applyThenDropConnection(int times) {
        return new LoseResponse(How.DROP_CONNECTION, times);
    }

    static Fault slowResponse(java.time.Duration upTo, int times) {
        return new SlowResponse(upTo, times);
    }

    private static void requirePositive(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
    }
}
