package dev.signoff.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A message Signoff could not accept, kept with the reason so nothing is silently dropped. The body is kept
 * as received for operators (it can hold a token, so it is never rendered outside the admin API's redacted view).
 */
@Entity
@Table(name = "quarantine")
public class QuarantineEntry extends PanacheEntityBase {

    public enum Action {
        /** The token was readable: the execution was failed with Signoff.InvalidRequest and the message deleted. */
        FAILED_EXECUTION,
        /** No readable token: the message stays on the queue for its redrive policy to move it to the DLQ. */
        LEFT_FOR_DLQ,
        /**
         * The token belongs to a task Signoff already holds (an invalid copy of, or a message reusing, a stored
         * request): the copy is kept here and deleted from the queue, and no callback is sent, since the open task
         * is what answers that execution.
         */
        COPY_OF_TASK
    }

    /** Column sizes (V1__review_tasks.sql), checked before every write so an oversized value cannot fail it. */
    static final int MAX_MESSAGE_ID_CHARS = 128;

    static final int MAX_REASON_CHARS = 8000;
    static final int MAX_EXECUTION_ARN_CHARS = 2048;
    private static final int MAX_REASON_LINE_CHARS = 1000;
    private static final int MARKER_RESERVE = 100;

    @Id
    public UUID id;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "receive_count", nullable = false)
    public int receiveCount;

    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    public String reason;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "execution_arn")
    public String executionArn;

    /** The task token sealed (V11), for re-processing; only when Signoff answers the execution (FAILED_EXECUTION). */
    @Column(name = "token_ciphertext")
    public String tokenCiphertext;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Action action;

    /**
     * The problems, one a line. When they do not fit the column, whole lines are kept while they fit (each cut to
     * {@value #MAX_REASON_LINE_CHARS} chars) and a last line says how many were left out; the execution's failure cause
     * (up to 32,768 chars) lists them all.
     */
    static String reason(List<String> problems) {
        String full = String.join("\n", problems);
        if (full.length() <= MAX_REASON_CHARS) {
            return full;
        }
        StringBuilder kept = new StringBuilder();
        int shown = 0;
        for (String problem : problems) {
            String line = cut(problem, MAX_REASON_LINE_CHARS);
            if (kept.length() + 1 + line.length() + MARKER_RESERVE > MAX_REASON_CHARS) {
                break;
            }
            kept.append(kept.isEmpty() ? "" : "\n").append(line);
            shown++;
        }
        int left = problems.size() - shown;
        kept.append(kept.isEmpty() ? "" : "\n")
                .append("...: and ")
                .append(left)
                .append(left == 1 ? " more problem" : " more problems")
                .append(" not kept here (the execution's failure cause lists them)");
        return cut(kept.toString(), MAX_REASON_CHARS);
    }

    /** At most {@code max} chars (never splitting a surrogate pair), an ellipsis marking a cut. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    static Optional<QuarantineEntry> byMessageId(String messageId) {
        return find("messageId", messageId).firstResultOptional();
    }

    static boolean existsForToken(String tokenHash) {
        return count("tokenHash", tokenHash) > 0;
    }
}
