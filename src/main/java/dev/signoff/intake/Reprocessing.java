package dev.signoff.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.audit.AuditLog;
import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequestParser;
import dev.signoff.decision.DeliveryFailures;
import dev.signoff.security.TokenCipher;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs a quarantined request through intake again, after a contract or configuration fix. Only while its execution
 * may still wait for an answer: Signoff.InvalidRequest never landed (its delivery failed), no task holds the token and
 * the execution is not known to have ended. The stored body has the token as {@code <redacted>}; the sealed token
 * (V11) is put back into {@code taskToken} and the body parsed and stored exactly as intake would.
 */
@ApplicationScoped
public class Reprocessing {

    private static final Logger LOG = Logger.getLogger(Reprocessing.class);

    /** Why a quarantined request cannot be re-processed, first reason first; null when it can. */
    static final String BLOCKER = "select case"
            + " when q.handled_at is not null then 'it was dismissed or re-processed already'"
            + " when q.action = 'LEFT_FOR_DLQ' then 'it has no readable task token, so nobody can answer it; once"
            + " fixed, redrive it from the dead-letter queue'"
            + " when q.action = 'COPY_OF_TASK' then 'a task holds its token and answers the execution'"
            + " when q.token_ciphertext is null then 'it was quarantined before Signoff kept the sealed token (V11)'"
            + " when exists (select 1 from review_task t where t.token_hash = q.token_hash)"
            + "   then 'a task holds its token and answers the execution'"
            + " when exists (select 1 from outbox o where o.token_hash = q.token_hash and o.status = 'DELIVERED')"
            + "   then 'the execution was already failed with Signoff.InvalidRequest'"
            + " when exists (select 1 from outbox o where o.token_hash = q.token_hash and o.status = 'PENDING')"
            + "   then 'Signoff.InvalidRequest is still on its way to the execution; wait for its result'"
            + " when exists (select 1 from outbox o where o.token_hash = q.token_hash and o.status = 'UNCONFIRMED')"
            + "   then 'Signoff.InvalidRequest may have failed the execution (unconfirmed); check its history'"
            + " when exists (select 1 from outbox o where o.token_hash = q.token_hash and o.status = 'EXPIRED')"
            + "   then 'Step Functions no longer waits for its token'"
            + " when exists (select 1 from ended_execution e where e.execution_arn = q.execution_arn)"
            + "   then 'its execution has ended'"
            + " else null end from quarantine q where q.id = ?1";

    /** What a re-process did: a new task, or the request is still invalid, with the reasons now. */
    public record Outcome(UUID taskId, List<String> problems) {
        public boolean created() {
            return taskId != null;
        }
    }

    /** Refused: the request may no longer be re-processed (why), or another admin did it first. */
    public static class NotReprocessable extends RuntimeException {
        NotReprocessable(String message) {
            super(message);
        }
    }

    private final IntakeService intake;
    private final ReviewRequestParser parser;
    private final TokenCipher cipher;
    private final DeliveryFailures failures;
    private final AuditLog audit;
    private final Clock clock;

    Reprocessing(
            IntakeService intake,
            ReviewRequestParser parser,
            TokenCipher cipher,
            DeliveryFailures failures,
            AuditLog audit,
            Clock clock) {
        this.intake = intake;
        this.parser = parser;
        this.cipher = cipher;
        this.failures = failures;
        this.audit = audit;
        this.clock = clock;
    }

    /** Null when the entry may be re-processed; otherwise why not, in words for the dashboard. */
    @Transactional
    public String whyNot(UUID quarantineId) {
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery(BLOCKER)
                .setParameter(1, quarantineId)
                .getResultList();
        return rows.isEmpty() ? "there is no such quarantined request" : (String) rows.get(0);
    }

    @Transactional
    public Outcome reprocess(UUID quarantineId, String actor, String actorName, String note) {
        String blocker = whyNot(quarantineId);
        if (blocker != null) {
            throw new NotReprocessable("Not re-processed: " + blocker + ".");
        }
        // Taken first, conditionally: of two admins pressing at once one holds the row, the other waits and is refused.
        if (mark(quarantineId, clock.instant(), actor, note) == 0) {
            throw new NotReprocessable("Not re-processed: another admin acted on it first.");
        }
        QuarantineEntry entry = QuarantineEntry.findById(quarantineId);
        String token = cipher.openToken(entry.tokenCiphertext, entry.tokenHash);
        Parsed parsed = parser.parse(restored(entry.body, token));
        if (parsed instanceof Parsed.Valid valid) {
            IntakeService.Stored stored = intake.store(valid);
            if (stored.taskId() != null) {
                String done = "re-processed into task " + stored.taskId() + ": " + note;
                Panache.getEntityManager()
                        .createNativeQuery("update quarantine set handled_note = ?1 where id = ?2")
                        .setParameter(1, done)
                        .setParameter(2, quarantineId)
                        .executeUpdate();
                failures.settleForToken(entry.tokenHash, actor, actorName, done);
                audit.record(
                        actor,
                        actorName,
                        stored.taskId(),
                        "QUARANTINE_REPROCESSED",
                        "quarantine " + quarantineId + ": " + note);
                LOG.infof("Quarantined request %s re-processed into task %s", quarantineId, stored.taskId());
                return new Outcome(stored.taskId(), List.of());
            }
            parsed = stored.refused();
        }
        List<String> problems = ((Parsed.Invalid) parsed)
                .problems().stream().map(p -> TokenRedaction.redact(p, token)).toList();
        // Still invalid: back on the list, with the reasons as intake reads it now.
        entry.reason = QuarantineEntry.reason(problems);
        Panache.getEntityManager()
                .createNativeQuery(
                        "update quarantine set handled_at = null, handled_by = null, handled_note = null where id = ?1")
                .setParameter(1, quarantineId)
                .executeUpdate();
        audit.record(
                actor,
                actorName,
                null,
                "QUARANTINE_REPROCESSED",
                "quarantine " + quarantineId + " is still invalid: " + entry.reason);
        return new Outcome(null, problems);
    }

    private static int mark(UUID id, Instant at, String actor, String note) {
        return Panache.getEntityManager()
                .createNativeQuery("update quarantine set handled_at = ?1, handled_by = ?2, handled_note = ?3"
                        + " where id = ?4 and handled_at is null")
                .setParameter(1, at)
                .setParameter(2, actor)
                .setParameter(3, note)
                .setParameter(4, id)
                .executeUpdate();
    }

    /** The stored body with the token back where intake read it: the top-level taskToken. */
    private String restored(String body, String token) {
        try {
            JsonNode tree = intake.exact(body);
            ((ObjectNode) tree).put("taskToken", token);
            return tree.toString();
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("A quarantined body with a sealed token is a JSON object", e);
        }
    }
}
