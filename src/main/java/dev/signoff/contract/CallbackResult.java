package dev.signoff.contract;

import java.util.List;

/** The outcome of {@link CallbackPayload#build}: a callback that Step Functions will accept, or why not. */
public sealed interface CallbackResult permits CallbackResult.Ready, CallbackResult.Refused {

    record Ready(Callback callback) implements CallbackResult {}

    /**
     * The decision cannot be sent as it stands; nothing should be recorded.
     *
     * @param messages for the reviewer, in plain words, each saying what to change
     */
    record Refused(List<String> messages) implements CallbackResult {
        public Refused {
            messages = List.copyOf(messages);
        }
    }
}
