package dev.signoff.contract;

import java.util.Optional;

/**
 * Step Functions' size limits for callbacks, worded for the reviewer. Characters are counted as UTF-16 code units,
 * which is never fewer than the code points AWS may count.
 */
final class CallbackLimits {
    private CallbackLimits() {}

    /**
     * Why Step Functions would refuse the callback; {@code culprit} names what the reviewer can shorten. Sizes count
     * the callback as sent, with the delivery id the outbox adds ({@link Limits#DELIVERY_ID_CHARS}).
     */
    static Optional<String> problem(Callback callback, String culprit) {
        if (callback.kind() == Callback.Kind.SUCCESS) {
            long bytes = ContractJson.utf8Length(callback.output()) + Limits.DELIVERY_ID_CHARS;
            if (bytes > Limits.MAX_OUTPUT_BYTES) {
                return Optional.of(tooLong(culprit, bytes, Limits.MAX_OUTPUT_BYTES, "bytes"));
            }
            return Optional.empty();
        }
        if (callback.error().length() > Limits.MAX_ERROR_CHARS) {
            return Optional.of("The error name is "
                    + Fields.number(callback.error().length()) + " characters; Step Functions accepts at most "
                    + Fields.number(Limits.MAX_ERROR_CHARS) + ".");
        }
        int cause = callback.cause().length() + Limits.DELIVERY_ID_CHARS;
        if (cause > Limits.MAX_CAUSE_CHARS) {
            return Optional.of(tooLong(culprit, cause, Limits.MAX_CAUSE_CHARS, "characters"));
        }
        return Optional.empty();
    }

    private static String tooLong(String culprit, long size, long limit, String unit) {
        long excess = size - limit;
        String by = excess < 100
                ? "by at least " + excess + " " + (excess == 1 ? unit.substring(0, unit.length() - 1) : unit)
                : "by about " + Fields.number((excess + 99) / 100 * 100) + " " + unit;
        return "Your " + culprit + " makes the callback " + Fields.number(size) + " " + unit
                + "; Step Functions accepts at most " + Fields.number(limit) + ". Shorten the " + culprit + " " + by
                + ".";
    }
}
