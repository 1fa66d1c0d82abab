package dev.signoff.contract;

import java.util.Objects;

/**
 * One call to make on Step Functions: SendTaskSuccess with {@code output}, or SendTaskFailure with {@code error} and
 * {@code cause}. Strings are compact JSON except {@code error}. Holds no token: the caller adds it at send time.
 */
public record Callback(Kind kind, String output, String error, String cause) {
    public enum Kind {
        SUCCESS,
        FAILURE
    }

    public Callback {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.SUCCESS && (output == null || error != null || cause != null)) {
            throw new IllegalArgumentException("a SUCCESS callback has an output and no error or cause");
        }
        if (kind == Kind.FAILURE && (error == null || cause == null || output != null)) {
            throw new IllegalArgumentException("a FAILURE callback has an error and a cause and no output");
        }
    }

    public static Callback success(String output) {
        return new Callback(Kind.SUCCESS, output, null, null);
    }

    public static Callback failure(String error, String cause) {
        return new Callback(Kind.FAILURE, null, error, cause);
    }
}
