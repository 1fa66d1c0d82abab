package dev.signoff.decision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
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

    private static final int MAX_HISTORY_PAGES = 20;

    private final SfnClient sfn;

    StepFunctionsGateway(SfnClient sfn) {
        this.sfn = sfn;
    }

    public Outcome sendSuccess(String token, String output) {
        return call(() -> sfn.sendTaskSuccess(r -> r.taskToken(token).output(output)));
    }

    public Outcome sendFailure(String token, String error, String cause) {
        return call(
                () -> sfn.sendTaskFailure(r -> r.taskToken(token).error(error).cause(cause)));
    }

    public Outcome sendHeartbeat(String token) {
        return call(() -> sfn.sendTaskHeartbeat(r -> r.taskToken(token)));
    }

    /**
     * Whether the execution's history shows a task that closed with a result carrying {@code marker} (our
     * decision or quarantine id): proof that an earlier attempt whose response was lost did succeed. Empty when
     * the history could not be read.
     */
    public Optional<Boolean> historyShows(String executionArn, String marker) {
        if (executionArn == null || marker == null) {
            return Optional.empty();
        }
        try {
            String next = null;
            for (int page = 0; page < MAX_HISTORY_PAGES; page++) {
                String pageToken = next;
                GetExecutionHistoryResponse history = sfn.getExecutionHistory(r -> r.executionArn(executionArn)
                        .reverseOrder(true)
                        .maxResults(1000)
                        .includeExecutionData(true)
                        .nextToken(pageToken));
                if (history.events().stream().anyMatch(e -> carries(e, marker))) {
                    return Optional.of(true);
                }
                next = history.nextToken();
                if (next == null) {
                    return Optional.of(false);
                }
            }
            return Optional.of(false);
        } catch (ExecutionDoesNotExistException e) {
            return Optional.of(false);
        } catch (AwsServiceException | SdkClientException e) {
            return Optional.empty();
        }
    }

    private static boolean carries(HistoryEvent event, String marker) {
        if (event.taskSucceededEventDetails() != null) {
            String output = event.taskSucceededEventDetails().output();
            return output != null && output.contains(marker);
        }
        if (event.taskFailedEventDetails() != null) {
            String cause = event.taskFailedEventDetails().cause();
            return cause != null && cause.contains(marker);
        }
        return false;
    }

    private static Outcome call(Runnable request) {
        try {
            request.run();
            return new Outcome.Delivered();
        } catch (TaskTimedOutException e) {
            return new Outcome.Closed("TaskTimedOut: " + message(e));
        } catch (TaskDoesNotExistException e) {
            return new Outcome.Gone("TaskDoesNotExist: " + message(e));
        } catch (InvalidTokenException e) {
            return new Outcome.Gone("InvalidToken: " + message(e));
        } catch (InvalidOutputException e) {
            return new Outcome.Refused("InvalidOutput: " + message(e));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String reason = code + " (HTTP " + e.statusCode() + "): " + message(e);
            if ("ValidationException".equals(code)) {
                return new Outcome.Refused(reason);
            }
            return new Outcome.Retryable(reason);
        } catch (SdkClientException e) {
            return new Outcome.Retryable("network: " + e.getMessage());
        }
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
        SfnClient sfnClient(DispatchConfig config) {
            SfnClientBuilder builder = SfnClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
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
