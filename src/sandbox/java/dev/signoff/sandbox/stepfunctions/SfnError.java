package dev.signoff.sandbox.stepfunctions;

import java.util.Set;

/** An error the stand-in answers with, shaped like the AWS JSON 1.0 error the real service returns. */
final class SfnError extends RuntimeException {

    /** Error codes Step Functions models; AWS sends them under this namespace in {@code __type}. */
    private static final Set<String> MODELED = Set.of(
            "ExecutionDoesNotExist",
            "InvalidArn",
            "InvalidOutput",
            "InvalidToken",
            "TaskDoesNotExist",
            "TaskTimedOut",
            "ValidationException");

    private final String code;
    private final int httpStatus;

    SfnError(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    String code() {
        return code;
    }

    int httpStatus() {
        return httpStatus;
    }

    /** The {@code __type} value: the SDK keeps only the part after '#' as the error code. */
    String wireType() {
        if (MODELED.contains(code)) {
            return "com.amazonaws.swf.service.v2.model#" + code;
        }
        if (code.equals("ThrottlingException") || code.equals("ServiceUnavailable")) {
            return "com.amazon.coral.availability#" + code;
        }
        return "com.amazon.coral.service#" + code;
    }

    static SfnError taskTimedOut() {
        return new SfnError("TaskTimedOut", 400, "Task Timed Out: 'Provided task does not exist anymore'");
    }

    static SfnError invalidToken(String message) {
        return new SfnError("InvalidToken", 400, message);
    }

    static SfnError taskDoesNotExist() {
        return new SfnError("TaskDoesNotExist", 400, "Task does not exist");
    }

    static SfnError invalidOutput(String message) {
        return new SfnError("InvalidOutput", 400, "Invalid Output: '" + message + "'");
    }

    static SfnError validation(String message) {
        return new SfnError("ValidationException", 400, "1 validation error detected: " + message);
    }

    static SfnError invalidArn(String arn) {
        return new SfnError("InvalidArn", 400, "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
    }

    static SfnError executionDoesNotExist(String arn) {
        return new SfnError("ExecutionDoesNotExist", 400, "Execution Does Not Exist: '" + arn + "'");
    }

    static SfnError serialization(String message) {
        return new SfnError("SerializationException", 400, message);
    }

    static SfnError unknownOperation(String target) {
        return new SfnError("UnknownOperationException", 400, "Operation not known to this endpoint: " + target);
    }

    static SfnError internalFailure() {
        return new SfnError("InternalFailure", 500, "The request processing has failed because of an unknown error.");
    }
}
