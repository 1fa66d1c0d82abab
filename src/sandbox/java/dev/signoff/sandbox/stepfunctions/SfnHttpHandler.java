package dev.signoff.sandbox.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * AWS JSON 1.0 over HTTP: {@code POST /} with {@code X-Amz-Target: AWSStepFunctions.<Operation>}. Applies
 * the configured throttles, then injected faults, and logs every call before the client can see its response.
 */
final class SfnHttpHandler implements HttpHandler {

    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final Operations operations;
    private final Faults faults;
    private final Throttles throttles;
    private final Consumer<CallRecord> callLog;
    private final SlowCalls slowCalls;
    private final Clock clock;

    SfnHttpHandler(
            Operations operations,
            Faults faults,
            Throttles throttles,
            Consumer<CallRecord> callLog,
            SlowCalls slowCalls,
            Clock clock) {
        this.operations = operations;
        this.faults = faults;
        this.throttles = throttles;
        this.callLog = callLog;
        this.slowCalls = slowCalls;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            serve(exchange, body, clock.instant());
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange, byte[] body, Instant at) throws IOException {
        String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                .orElse("");
        String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
        if (!exchange.getRequestMethod().equals("POST") || !Operations.SUPPORTED.contains(operation)) {
            SfnError error = SfnError.unknownOperation(target);
            callLog.accept(new CallRecord(at, operation, Map.of(), error.code(), error.httpStatus(), false));
            sendError(exchange, error);
            return;
        }
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            SfnError error = SfnError.serialization("Request body is not a JSON object");
            callLog.accept(new CallRecord(at, operation, Map.of(), error.code(), error.httpStatus(), false));
            sendError(exchange, error);
            return;
        }
        Map<String, String> summary = Requests.summarise(request);
        if (!throttles.admit(operation)) {
            SfnError error = new SfnError("ThrottlingException", 400, "Rate exceeded");
            callLog.accept(new CallRecord(at, operation, summary, error.code(), error.httpStatus(), false));
            sendError(exchange, error);
            return;
        }
        Optional<Fault> fault = faults.take(operation);
        if (fault.isPresent() && fault.get() instanceof Fault.Reject reject) {
            SfnError error = new SfnError(reject.errorCode(), reject.httpStatus(), "Injected by the stand-in");
            callLog.accept(new CallRecord(at, operation, summary, error.code(), error.httpStatus(), false));
            sendError(exchange, error);
            return;
        }
        ObjectNode response = null;
        SfnError error = null;
        try {
            response = operations.apply(operation, request);
        } catch (SfnError e) {
            error = e;
        } catch (RuntimeException e) {
            error = new SfnError("InternalFailure", 500, "Stand-in failure: " + e);
        }
        String outcome = error == null ? CallRecord.OK : error.code();
        if (fault.isPresent() && fault.get() instanceof Fault.SlowResponse slow) {
            slowCalls.hold(slow.upTo()); // the effect stands; only the answer is late
        }
        if (fault.isPresent() && fault.get() instanceof Fault.LoseResponse lose) {
            if (lose.how() == Fault.How.DROP_CONNECTION) {
                callLog.accept(new CallRecord(at, operation, summary, outcome, -1, true));
                return; // closing an exchange whose headers were never sent drops the connection
            }
            SfnError lost = SfnError.internalFailure();
            callLog.accept(new CallRecord(at, operation, summary, outcome, lost.httpStatus(), true));
            sendError(exchange, lost);
            return;
        }
        if (error != null) {
            callLog.accept(new CallRecord(at, operation, summary, outcome, error.httpStatus(), false));
            sendError(exchange, error);
            return;
        }
        callLog.accept(new CallRecord(at, operation, summary, outcome, 200, false));
        send(exchange, 200, response);
    }

    private static void sendError(HttpExchange exchange, SfnError error) throws IOException {
        ObjectNode body = Json.object().put("__type", error.wireType()).put("message", error.getMessage());
        send(exchange, error.httpStatus(), body);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
