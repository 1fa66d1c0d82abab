package dev.signoff.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.audit.AuditLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The review queue's dead-letter queue for admins: look at what waits there without consuming it, send a message back
 * to the review queue, or delete it. SQS has no "peek": a look is a receive that hides the messages for
 * {@link #HOLD_SECONDS} and hands them back at once (visibility 0). Messages are named by their message id; the
 * receipt handle is found again at action time by the same kind of look, so it never leaves the server.
 */
@ApplicationScoped
public class DeadLetters {

    /** Receives per look: each returns at most 10, so a page shows at most 50. */
    static final int PEEK_ROUNDS = 5;
    /** Receives spent looking for one message id before saying it is gone. */
    static final int FIND_ROUNDS = 10;
    /** Messages one "Redrive all" moves at most; press again for the next batch. */
    public static final int REDRIVE_BATCH = 100;

    static final int HOLD_SECONDS = 20;
    static final int MAX_JSON_CHARS = 20_000;

    private final Queues queues;
    private final IntakeConfig config;
    private final ObjectMapper json;
    private final AuditLog audit;

    DeadLetters(Queues queues, IntakeConfig config, ObjectMapper json, AuditLog audit) {
        this.queues = queues;
        this.config = config;
        this.json = json;
        this.audit = audit;
    }

    public boolean configured() {
        return config.deadLetterQueueUrl().isPresent();
    }

    /** What waits there, at most 50 and in no particular order; every message is released before this returns. */
    public List<DeadLetter> peek() {
        List<Queues.Held> held = new ArrayList<>();
        try {
            for (int i = 0; i < PEEK_ROUNDS; i++) {
                List<Queues.Held> batch = queues.receiveHeld(url(), HOLD_SECONDS);
                if (batch.isEmpty()) {
                    break;
                }
                held.addAll(batch);
            }
            return held.stream().map(this::shown).toList();
        } finally {
            release(held);
        }
    }

    /** Sends the message's body to the review queue, then deletes it here; false when it is no longer there. */
    public boolean redrive(String messageId, String actor, String actorName, String note) {
        Optional<Queues.Held> found = find(messageId);
        found.ifPresent(h -> {
            // Send first: a failure between the two leaves a copy on each queue, and intake's token-hash uniqueness
            // makes the second one harmless; the other order could lose the request.
            queues.send(config.queueUrl(), h.message().body());
            queues.delete(url(), h.message());
            audited(actor, actorName, "DEAD_LETTER_REDRIVEN", messageId, note);
        });
        return found.isPresent();
    }

    /** Moves up to {@link #REDRIVE_BATCH} messages to the review queue; returns how many it moved. */
    public int redriveAll(String actor, String actorName, String note) {
        int moved = 0;
        while (moved < REDRIVE_BATCH) {
            List<Queues.Held> batch = queues.receiveHeld(url(), HOLD_SECONDS);
            if (batch.isEmpty()) {
                break;
            }
            List<Queues.Held> left = new ArrayList<>(batch);
            try {
                for (Queues.Held h : batch) {
                    if (moved == REDRIVE_BATCH) {
                        break;
                    }
                    queues.send(config.queueUrl(), h.message().body());
                    queues.delete(url(), h.message());
                    left.remove(h);
                    moved++;
                }
            } finally {
                release(left);
            }
        }
        if (moved > 0) {
            audited(actor, actorName, "DEAD_LETTERS_REDRIVEN", moved + " messages", note);
        }
        return moved;
    }

    /** Deletes the message for good; false when it is no longer there. */
    public boolean delete(String messageId, String actor, String actorName, String note) {
        Optional<Queues.Held> found = find(messageId);
        found.ifPresent(h -> {
            queues.delete(url(), h.message());
            audited(actor, actorName, "DEAD_LETTER_DELETED", messageId, note);
        });
        return found.isPresent();
    }

    /** The message held (not released) when it is there; every other message received on the way is released. */
    private Optional<Queues.Held> find(String messageId) {
        List<Queues.Held> others = new ArrayList<>();
        try {
            for (int i = 0; i < FIND_ROUNDS; i++) {
                List<Queues.Held> batch = queues.receiveHeld(url(), HOLD_SECONDS);
                if (batch.isEmpty()) {
                    return Optional.empty();
                }
                Optional<Queues.Held> match = Optional.empty();
                for (Queues.Held h : batch) {
                    if (h.message().messageId().equals(messageId)) {
                        match = Optional.of(h);
                    } else {
                        others.add(h);
                    }
                }
                if (match.isPresent()) {
                    return match;
                }
            }
            return Optional.empty();
        } finally {
            release(others);
        }
    }

    private DeadLetter shown(Queues.Held h) {
        QueueMessage m = h.message();
        String body = m.body() == null ? "" : m.body();
        JsonNode tree = null;
        try {
            tree = json.readTree(body);
        } catch (Exception notJson) {
            // Shown as text below.
        }
        if (tree instanceof ObjectNode object) {
            JsonNode token = object.get("taskToken");
            TokenRedaction.redact(object, token != null && token.isTextual() ? token.textValue() : null);
            return new DeadLetter(
                    m.messageId(),
                    h.sentAt(),
                    h.firstReceivedAt(),
                    m.receiveCount(),
                    cut(object.toPrettyString(), MAX_JSON_CHARS),
                    true);
        }
        // Only a JSON object's token can be found and masked: any other body may carry a token in a place Signoff
        // cannot tell, so the page shows its size, never its text.
        return new DeadLetter(
                m.messageId(),
                h.sentAt(),
                h.firstReceivedAt(),
                m.receiveCount(),
                "Not a JSON object (" + body.length() + " characters): not shown, since a task token in it could not"
                        + " be found and masked. Read it with the AWS CLI if you must.",
                false);
    }

    private void release(List<Queues.Held> held) {
        for (Queues.Held h : held) {
            try {
                queues.release(url(), h.message());
            } catch (RuntimeException e) {
                // It comes back by itself once HOLD_SECONDS pass.
            }
        }
    }

    private void audited(String actor, String actorName, String type, String what, String note) {
        QuarkusTransaction.requiringNew()
                .run(() -> audit.record(
                        actor, actorName, null, type, "dead-letter " + what + (note == null ? "" : ": " + note)));
    }

    private String url() {
        return config.deadLetterQueueUrl()
                .orElseThrow(() -> new IllegalStateException("signoff.intake.dead-letter-queue-url is not set"));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "\n… (cut: " + text.length() + " characters)";
    }
}
