package dev.signoff.decision;

import dev.signoff.contract.CallbackPayload;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** The one place Signoff talks to Step Functions; answers in terms of what the dispatcher must do next. */
@ApplicationScoped
public class StepFunctionsGateway {

    /** What happened to one callback call. */
    public sealed interface Outcome {
        record Delivered() implements Outcome {}

        /** Throttled, 5xx, or network: the call may be tried again. */
        record Retryable(String reason) implements Outcome {}

        /** TaskTimedOut: the task is closed — timed out, or an earlier attempt of ours already closed it. */
        record Closed(String reason) implements Outcome {}

        /** TaskDoesNotExist / InvalidToken: Step Functions does not know this task. */
        record Gone(String reason) implements Outcome {}

        /** Refused for good (invalid output, validation): retrying the same call cannot succeed. */
        record Refused(String reason) implements Outcome {}
    }

    /** What the execution history says about one callback. */
    public enum History {
        /** A task of the execution closed with our marker: an earlier attempt did land. */
        FOUND,
        /** Read to the end (or the execution is gone): our callback never landed. */
        ABSENT,
        /** Longer than Signoff reads, or no execution to read: it may or may not have landed. A person must tell. */
        UNKNOWN,
        /** Could not be read now (throttled, network, out of time); asking again later may settle it. */
        UNREADABLE
    }

    /** What DescribeExecution says about an execution. */
    public sealed interface Described {
        /** Its status (RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE) and, once ended, when. */
        record Status(String status, Instant stopDate) implements Described {}

        /** ExecutionDoesNotExist: never started, or closed more than 90 days ago. */
        record Missing(String reason) implements Described {}

        /** Throttled (by AWS or by Signoff's own limit), 5xx, network, access: ask again later. */
        record Unknown(String reason) implements Described {}
    }

    /**
     * Where our callback says who it is: the top-level key of its output or cause, and its value. New callbacks
     * carry a random {@code deliveryId}; rows queued before it existed are matched by their decision, quarantine or
     * task id under the key the callback put it in.
     */
    public record Marker(String key, String value) {}

    /** Events read at most: 20 pages of 1,000, newest first, where a recent callback is. */
    static final int MAX_HISTORY_PAGES = 20;

    static final int HISTORY_PAGE_SIZE = 1000;

    /** Tries a throttled SendTask* call gets before it goes back to the dispatcher's retry backoff. */
    static final int THROTTLED_ATTEMPTS = 3;

    /** Attempts of one SDK call (the first and two retries), throttles never among them. */
    static final int SDK_ATTEMPTS = 3;

    private static final Set<Integer> RETRIED_STATUS = Set.of(500, 502, 503, 504);

    static final String OWN_LIMIT = "Signoff's own rate limit (signoff.step-functions.*): not sent, try again later";

    /** What stands in for a task token quoted in an error message. */
    static final String TOKEN_MARK = "<task token>";

    private final SfnClient sfn;
    private final StepFunctionsRates rates;
    private final int pageSize;
    private final int maxPages;

    @Inject
    StepFunctionsGateway(SfnClient sfn, StepFunctionsRates rates) {
        this(sfn, rates, HISTORY_PAGE_SIZE, MAX_HISTORY_PAGES);
    }

    /** With smaller pages, so a test can reach the end of what Signoff reads on a short history. */
    StepFunctionsGateway(SfnClient sfn, StepFunctionsRates rates, int pageSize, int maxPages) {
        this.sfn = sfn;
        this.rates = rates;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    public Outcome sendSuccess(String token, String output) {
        return call(token, () -> sfn.sendTaskSuccess(r -> r.taskToken(token).output(output)));
    }

    public Outcome sendFailure(String token, String error, String cause) {
        return call(
                token,
                () -> sfn.sendTaskFailure(r -> r.taskToken(token).error(error).cause(cause)));
    }

    public Outcome sendHeartbeat(String token) {
        return call(token, () -> sfn.sendTaskHeartbeat(r -> r.taskToken(token)));
    }

    /** DescribeExecution, within its rate limit. Eventually consistent: a status may lag the execution a little. */
    public Described describe(String executionArn) {
        if (!rates.describeExecution()) {
            return new Described.Unknown(OWN_LIMIT);
        }
        try {
            DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
            rates.answered(StepFunctionsRates.Group.DESCRIBE_EXECUTION, false);
            return new Described.Status(execution.statusAsString(), execution.stopDate());
        } catch (ExecutionDoesNotExistException e) {
            return new Described.Missing("ExecutionDoesNotExist: " + message(e));
        } catch (AwsServiceException e) {
            rates.answered(StepFunctionsRates.Group.DESCRIBE_EXECUTION, e.isThrottlingException());
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            return new Described.Unknown(code + " (HTTP " + e.statusCode() + "): " + message(e));
        } catch (SdkClientException e) {
            return new Described.Unknown("network: " + e.getMessage());
        }
    }

    /**
     * Whether the execution's history shows a task that closed with our {@code marker} in its own result (the
     * TaskSucceeded output or TaskFailed cause, parsed, under the marker's key): proof that an earlier attempt whose
     * response was lost did succeed. Reading stops after the last page Signoff reads (UNKNOWN) or after {@code budget}
     * (UNREADABLE), so the lease on the callback outlasts it.
     */
    public History history(String executionArn, Marker marker, Duration budget) {
        if (executionArn == null || marker == null) {
            return History.UNKNOWN;
        }
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            String next = null;
            for (int page = 0; page < maxPages; page++) {
                if (page > 0 && System.nanoTime() > deadline
                        || !rates.historyPage(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    return History.UNREADABLE;
                }
                String pageToken = next;
                GetExecutionHistoryResponse history = sfn.getExecutionHistory(r -> r.executionArn(executionArn)
                        .reverseOrder(true)
                        .maxResults(pageSize)
                        .includeExecutionData(true)
                        .nextToken(pageToken));
                rates.answered(StepFunctionsRates.Group.GET_EXECUTION_HISTORY, false);
                if (history.events().stream().anyMatch(e -> carries(e, marker))) {
                    return History.FOUND;
                }
                next = history.nextToken();
                if (next == null) {
                    return History.ABSENT;
                }
            }
            return History.UNKNOWN;
        } catch (ExecutionDoesNotExistException e) {
            // Step Functions keeps a closed execution's history for 90 days, far longer than a callback is retried:
            // an execution it does not know never received ours.
            return History.ABSENT;
        } catch (AwsServiceException e) {
            rates.answered(StepFunctionsRates.Group.GET_EXECUTION_HISTORY, e.isThrottlingException());
            return History.UNREADABLE;
        } catch (SdkClientException e) {
            return History.UNREADABLE;
        }
    }

    private static boolean carries(HistoryEvent event, Marker marker) {
        String result = null;
        if (event.taskSucceededEventDetails() != null) {
            result = event.taskSucceededEventDetails().output();
        } else if (event.taskFailedEventDetails() != null) {
            result = event.taskFailedEventDetails().cause();
        }
        return CallbackPayload.idIn(result, marker.key())
                .filter(marker.value()::equals)
                .isPresent();
    }

    /**
     * The reason of a failed call goes into logs, the outbox and the audit trail, so the token is taken out of it: an
     * AWS validation message may quote the value it refused.
     */
    private Outcome call(String token, Runnable request) {
        Outcome outcome = call(request);
        return token == null || token.isEmpty() ? outcome : withoutToken(outcome, token);
    }

    static Outcome withoutToken(Outcome outcome, String token) {
        if (outcome instanceof Outcome.Retryable r) {
            return new Outcome.Retryable(r.reason().replace(token, TOKEN_MARK));
        } else if (outcome instanceof Outcome.Closed c) {
            return new Outcome.Closed(c.reason().replace(token, TOKEN_MARK));
        } else if (outcome instanceof Outcome.Gone g) {
            return new Outcome.Gone(g.reason().replace(token, TOKEN_MARK));
        } else if (outcome instanceof Outcome.Refused r) {
            return new Outcome.Refused(r.reason().replace(token, TOKEN_MARK));
        }
        return outcome;
    }

    private Outcome call(Runnable request) {
        Outcome outcome = new Outcome.Retryable(OWN_LIMIT);
        for (int attempt = 0; attempt < THROTTLED_ATTEMPTS; attempt++) {
            if (!rates.sendTask()) {
                return outcome;
            }
            try {
                request.run();
                rates.answered(StepFunctionsRates.Group.SEND_TASK, false);
                return new Outcome.Delivered();
            } catch (AwsServiceException e) {
                boolean throttled = e.isThrottlingException();
                rates.answered(StepFunctionsRates.Group.SEND_TASK, throttled);
                outcome = outcome(e);
                if (!throttled) {
                    return outcome;
                }
            } catch (SdkClientException e) {
                return new Outcome.Retryable("network: " + e.getMessage());
            }
        }
        return outcome;
    }

    private static Outcome outcome(AwsServiceException e) {
        if (e instanceof TaskTimedOutException) {
            return new Outcome.Closed("TaskTimedOut: " + message(e));
        } else if (e instanceof TaskDoesNotExistException) {
            return new Outcome.Gone("TaskDoesNotExist: " + message(e));
        } else if (e instanceof InvalidTokenException) {
            return new Outcome.Gone("InvalidToken: " + message(e));
        } else if (e instanceof InvalidOutputException) {
            return new Outcome.Refused("InvalidOutput: " + message(e));
        }
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String reason = code + " (HTTP " + e.statusCode() + "): " + message(e);
        return "ValidationException".equals(code) ? new Outcome.Refused(reason) : new Outcome.Retryable(reason);
    }

    /**
     * What the SDK tries again within one call: network failures, attempt timeouts, 5xx and clock skew, as its
     * standard mode does, but never a throttle. A throttled attempt comes back at once, so the gateway slows its own
     * limiter down and sends again when that gives it a permit, instead of a thread sleeping a blind backoff while
     * the next calls run into the same quota.
     */
    static RetryStrategy sdkRetries() {
        return StandardRetryStrategy.builder()
                .maxAttempts(SDK_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20)))
                .retryOnException(StepFunctionsGateway::retriedWithinCall)
                .useClientDefaults(false)
                .build();
    }

    static boolean retriedWithinCall(Throwable failure) {
        if (!(failure instanceof SdkException e) || RetryUtils.isThrottlingException(e)) {
            return false;
        }
        if (e instanceof SdkServiceException service) {
            return RETRIED_STATUS.contains(service.statusCode()) || RetryUtils.isClockSkewException(e);
        }
        return e.retryable()
                || e instanceof ApiCallAttemptTimeoutException
                || e.getCause() instanceof IOException
                || e.getCause() instanceof UncheckedIOException;
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage()
                : String.valueOf(e.getMessage());
    }

    /** Builds the SDK client from {@link DispatchConfig}. */
    static class ClientProducer {

        @Produces
        @Singleton
        SfnClient sfnClient(DispatchConfig config, MeterRegistry registry) {
            // Every call is bounded, SDK retries included, so one slow endpoint cannot hold a callback past its lease
            // (the dispatcher's lease covers a call, then a history read of at most half the lease).
            SfnClientBuilder builder = SfnClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(c -> c.apiCallTimeout(config.callTimeout())
                            .apiCallAttemptTimeout(config.callAttemptTimeout())
                            .retryStrategy(sdkRetries())
                            .addMetricPublisher(new StepFunctionsCalls(registry)));
            config.endpointOverride().ifPresent(builder::endpointOverride);
            config.region().map(Region::of).ifPresent(builder::region);
            if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
                builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.accessKeyId().get(), config.secretAccessKey().get())));
            } else {
                builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
            }
            return builder.build();
        }

        void close(@Disposes SfnClient client) {
            client.close();
        }
    }
}
