package dev.signoff.sandbox.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The Step Functions operations the stand-in serves, with the service's validation order and errors. */
final class Operations {

    static final Set<String> SUPPORTED = Set.of(
            "SendTaskSuccess",
            "SendTaskFailure",
            "SendTaskHeartbeat",
            "DescribeExecution",
            "GetExecutionHistory",
            "StopExecution");

    static final int MAX_OUTPUT_BYTES = 262_144;
    static final int MAX_ERROR_LENGTH = 256;
    static final int MAX_CAUSE_LENGTH = 32_768;
    private static final int MAX_ARN_LENGTH = 256;
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final int MAX_NEXT_TOKEN_LENGTH = 1024;
    private static final Pattern EXECUTION_ARN =
            Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[^:\\s]{1,80}:[^:\\s]{1,80}");

    private final Executions executions;
    private final Clock clock;

    Operations(Executions executions, Clock clock) {
        this.executions = executions;
        this.clock = clock;
    }

    ObjectNode apply(String operation, JsonNode request) {
        return switch (operation) {
            case "SendTaskSuccess" -> sendTaskSuccess(request);
            case "SendTaskFailure" -> sendTaskFailure(request);
            case "SendTaskHeartbeat" -> sendTaskHeartbeat(request);
            case "DescribeExecution" -> WireFormat.describe(execution(request).snapshot(clock.instant()));
            case "GetExecutionHistory" -> getExecutionHistory(request);
            case "StopExecution" -> stopExecution(request);
            default -> throw SfnError.unknownOperation(operation);
        };
    }

    private ObjectNode sendTaskSuccess(JsonNode request) {
        String token = tokenMember(request);
        String output = Requests.required(request, "output");
        Requests.maxUtf8Bytes("output", output, MAX_OUTPUT_BYTES);
        requireWellFormed(token);
        if (!Json.isValidJson(output)) {
            throw SfnError.invalidOutput("output is not valid JSON");
        }
        task(token).succeed(output, clock.instant());
        return Json.object();
    }

    private ObjectNode sendTaskFailure(JsonNode request) {
        String token = tokenMember(request);
        String error = Requests.optional(request, "error");
        String cause = Requests.optional(request, "cause");
        Requests.maxLength("error", error, MAX_ERROR_LENGTH);
        Requests.maxLength("cause", cause, MAX_CAUSE_LENGTH);
        requireWellFormed(token);
        task(token).fail(error, cause, clock.instant());
        return Json.object();
    }

    private ObjectNode sendTaskHeartbeat(JsonNode request) {
        String token = tokenMember(request);
        requireWellFormed(token);
        task(token).heartbeat(clock.instant());
        return Json.object();
    }

    private ObjectNode getExecutionHistory(JsonNode request) {
        Execution execution = execution(request);
        int maxResults = Requests.optionalInt(request, "maxResults", 0);
        if (maxResults < 0 || maxResults > MAX_PAGE_SIZE) {
            throw SfnError.validation("Value '" + maxResults
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 1000");
        }
        boolean reverse = Requests.optionalBoolean(request, "reverseOrder", false);
        boolean includeData = Requests.optionalBoolean(request, "includeExecutionData", true);
        String nextToken = Requests.optional(request, "nextToken");
        Requests.maxLength("nextToken", nextToken, MAX_NEXT_TOKEN_LENGTH);

        List<HistoryEvent> events =
                new ArrayList<>(execution.snapshot(clock.instant()).history());
        if (reverse) {
            Collections.reverse(events);
        }
        int from = nextToken == null ? 0 : PageTokens.decode(nextToken, execution.arn(), reverse, events.size());
        int to = Math.min(events.size(), from + (maxResults == 0 ? DEFAULT_PAGE_SIZE : maxResults));
        ObjectNode response = Json.object();
        ArrayNode page = response.putArray("events");
        events.subList(from, to).forEach(event -> page.add(WireFormat.event(event, includeData)));
        if (to < events.size()) {
            response.put("nextToken", PageTokens.encode(execution.arn(), reverse, to));
        }
        return response;
    }

    private ObjectNode stopExecution(JsonNode request) {
        Execution execution = execution(request);
        String error = Requests.optional(request, "error");
        String cause = Requests.optional(request, "cause");
        Requests.maxLength("error", error, MAX_ERROR_LENGTH);
        Requests.maxLength("cause", cause, MAX_CAUSE_LENGTH);
        Instant stopDate = execution.stop(error, cause, clock.instant());
        ObjectNode response = Json.object();
        Json.putTimestamp(response, "stopDate", stopDate);
        return response;
    }

    private static String tokenMember(JsonNode request) {
        String token = Requests.required(request, "taskToken");
        if (token.isEmpty()) {
            throw SfnError.validation(
                    "Value at 'taskToken' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        Requests.maxLength("taskToken", token, TaskTokens.MAX_LENGTH);
        return token;
    }

    private static void requireWellFormed(String token) {
        if (!TaskTokens.isWellFormed(token)) {
            throw SfnError.invalidToken("Invalid Token: 'Invalid token'");
        }
    }

    private Execution task(String token) {
        return executions.byTokenHash(TaskTokens.sha256(token)).orElseThrow(SfnError::taskDoesNotExist);
    }

    private Execution execution(JsonNode request) {
        String arn = Requests.required(request, "executionArn");
        Requests.maxLength("executionArn", arn, MAX_ARN_LENGTH);
        if (!EXECUTION_ARN.matcher(arn).matches()) {
            throw SfnError.invalidArn(arn);
        }
        return executions.byArn(arn).orElseThrow(() -> SfnError.executionDoesNotExist(arn));
    }
}
