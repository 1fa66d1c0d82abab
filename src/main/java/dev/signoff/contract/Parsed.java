package dev.signoff.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** What {@link ReviewRequestParser#parse(String)} made of an SQS message body. */
public sealed interface Parsed permits Parsed.Valid, Parsed.Invalid {

    /**
     * @param request the review request
     * @param body the body as parsed (numbers exactly as written), which intake redacts a copy of to store rather
     *     than parse the body again; it holds the token, so it is never shown ({@link #toString})
     */
    record Valid(ReviewRequest request, ObjectNode body) implements Parsed {

        @Override
        public String toString() {
            return "Valid[" + request + "]";
        }
    }

    /**
     * The body is not a valid review request. With a readable token Signoff fails the execution at once with
     * {@code Signoff.InvalidRequest}; without one the message cannot be answered and is left for the DLQ.
     *
     * @param readableToken the body's {@code taskToken} when it is a non-blank string of 1-2048 chars
     * @param problems every problem found, each {@code "<json path>: <what is wrong>"}; never contains the token
     */
    record Invalid(Optional<String> readableToken, List<String> problems) implements Parsed {
        public Invalid {
            problems = List.copyOf(problems);
        }

        @Override
        public String toString() {
            return "Invalid[tokenHash=" + readableToken.map(TaskTokens::logId).orElse("none") + ", problems=" + problems
                    + "]";
        }
    }
}
