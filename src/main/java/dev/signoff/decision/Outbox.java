package dev.signoff.decision;

import dev.signoff.contract.CallbackPayload;
import dev.signoff.security.SealedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

/**
 * Queues callbacks to Step Functions. Callers write to it inside their own transaction, so a callback exists
 * if and only if the change that caused it committed; the dispatcher is woken once that commit succeeds.
 */
@ApplicationScoped
public class Outbox {

    /** Fired when a callback was queued; observed after commit to deliver it at once. */
    public record Queued(UUID outboxId) {}

    private final Clock clock;
    private final Event<Queued> queued;

    Outbox(Clock clock, Event<Queued> queued) {
        this.clock = clock;
        this.queued = queued;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID enqueueSuccess(UUID taskId, UUID decisionId, String executionArn, SealedToken token, String output) {
        OutboxEntry entry = newEntry(taskId, decisionId, null, executionArn, token, OutboxEntry.Kind.SUCCESS);
        entry.outputJson = CallbackPayload.withDeliveryId(output, entry.deliveryId);
        return save(entry);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID enqueueFailure(
            UUID taskId,
            UUID decisionId,
            UUID quarantineId,
            String executionArn,
            SealedToken token,
            String error,
            String cause) {
        OutboxEntry entry = newEntry(taskId, decisionId, quarantineId, executionArn, token, OutboxEntry.Kind.FAILURE);
        entry.errorCode = error;
        entry.errorCause = CallbackPayload.withDeliveryId(cause, entry.deliveryId);
        return save(entry);
    }

    private OutboxEntry newEntry(
            UUID taskId,
            UUID decisionId,
            UUID quarantineId,
            String executionArn,
            SealedToken token,
            OutboxEntry.Kind kind) {
        OutboxEntry entry = new OutboxEntry();
        entry.id = UUID.randomUUID();
        // The history marker: random, in no page or API, so only this callback can carry it (contract.md).
        entry.deliveryId = UUID.randomUUID();
        entry.taskId = taskId;
        entry.decisionId = decisionId;
        entry.quarantineId = quarantineId;
        entry.executionArn = executionArn;
        entry.tokenCiphertext = token.ciphertext();
        entry.tokenHash = token.tokenHash();
        entry.kind = kind;
        entry.status = OutboxEntry.Status.PENDING;
        entry.attempts = 0;
        entry.createdAt = clock.instant();
        entry.nextAttemptAt = entry.createdAt;
        return entry;
    }

    private UUID save(OutboxEntry entry) {
        entry.persist();
        queued.fire(new Queued(entry.id));
        return entry.id;
    }
}
