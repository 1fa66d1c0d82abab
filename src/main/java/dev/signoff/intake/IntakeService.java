package dev.signoff.intake;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.audit.AuditLog;
import dev.signoff.contract.Callback;
import dev.signoff.contract.CallbackPayload;
import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequestParser;
import dev.signoff.contract.TaskTokens;
import dev.signoff.decision.Outbox;
import dev.signoff.review.ReviewService;
import dev.signoff.review.TaskLifecycle;
import dev.signoff.review.TaskRedrives;
import dev.signoff.security.SealedToken;
import dev.signoff.security.TokenCipher;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns queue messages into durable review tasks, or quarantines them: one message or a received batch per
 * transaction. The caller deletes a message only after this commits and only when told {@link Disposition#DELETE}.
 */
@ApplicationScoped
class IntakeService {

    /** Marks a quarantined body that is stored sealed (see {@link #redacted}). */
    static final String SEALED_PREFIX = "sealed:";

    private static final Logger LOG = Logger.getLogger(IntakeService.class);

    private final ReviewRequestParser parser;
    private final CallbackPayload payloads;
    private final ReviewService reviews;
    private final TaskLifecycle lifecycle;
    private final Outbox outbox;
    private final TokenCipher cipher;
    private final AuditLog audit;
    private final ExecutionEnds ends;
    private final TaskRedrives redrives;
    private final DefaultRoute defaultRoute;
    private final ObjectMapper json;
    private final Clock clock;
    private final Event<IntakeMetrics.Taken> taken;

    IntakeService(
            ReviewRequestParser parser,
            CallbackPayload payloads,
            ReviewService reviews,
            TaskLifecycle lifecycle,
            Outbox outbox,
            TokenCipher cipher,
            AuditLog audit,
            ExecutionEnds ends,
            TaskRedrives redrives,
            DefaultRoute defaultRoute,
            ObjectMapper json,
            Clock clock,
            Event<IntakeMetrics.Taken> taken) {
        this.parser = parser;
        this.payloads = payloads;
        this.reviews = reviews;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.cipher = cipher;
        this.audit = audit;
        this.ends = ends;
        this.redrives = redrives;
        this.defaultRoute = defaultRoute;
        this.json = json;
        this.clock = clock;
        this.taken = taken;
    }

    @Transactional
    Disposition accept(QueueMessage message) {
        return take(message, parser.parse(message.body()));
    }

    /**
     * A received batch in one transaction, one message after the other: one commit for all of it, and the caller
     * deletes the messages told {@link Disposition#DELETE} in one call. Each message is flushed before the next, so a
     * failure is pinned to its message ({@link BatchFailure}), which the caller then takes in on its own. The common
     * case of a batch of new requests goes faster through {@link IntakeBatch}, which falls back to this.
     */
    @Transactional
    List<Disposition> acceptAll(List<QueueMessage> batch) {
        return takeEach(batch, batch.stream().map(m -> parser.parse(m.body())).toList());
    }

    /** {@link #acceptAll} with each body parsed already, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<Disposition> takeEach(List<QueueMessage> batch, List<Parsed> parsed) {
        List<Disposition> dispositions = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                dispositions.add(take(batch.get(i), parsed.get(i)));
                Panache.flush();
            } catch (RuntimeException e) {
                throw new BatchFailure(i, e);
            }
        }
        return dispositions;
    }

    private Disposition take(QueueMessage message, Parsed parsed) {
        if (parsed instanceof Parsed.Valid valid) {
            return open(message, valid);
        }
        return quarantine(message, (Parsed.Invalid) parsed);
    }

    private Disposition counted(IntakeMetrics.Result result, Disposition disposition) {
        taken.fire(new IntakeMetrics.Taken(result));
        return disposition;
    }

    private Disposition open(QueueMessage message, Parsed.Valid valid) {
        String token = valid.request().taskToken();
        String hash = TaskTokens.tokenHash(token);
        Optional<UUID> existing = reviews.findByTokenHash(hash);
        if (existing.isPresent()) {
            return repeated(message, existing.get());
        }
        Stored stored = store(valid);
        if (stored.refused() != null) {
            return quarantine(message, stored.refused());
        }
        return opened(message, stored.taskId(), hash);
    }

    /** The message repeats the request of a task Signoff holds: the copy is deleted, the task stays as it is. */
    Disposition repeated(QueueMessage message, UUID existing) {
        LOG.infof("Message %s repeats the request of task %s; deleting the copy", message.messageId(), existing);
        return counted(IntakeMetrics.Result.DUPLICATE, Disposition.DELETE);
    }

    /** The message became a task. */
    Disposition opened(QueueMessage message, UUID taskId, String hash) {
        LOG.infof("Message %s became task %s (token %s)", message.messageId(), taskId, hash.substring(0, 12));
        return counted(IntakeMetrics.Result.STORED, Disposition.DELETE);
    }

    /** A new task, or why the request cannot become one after all (its token used where the mark cannot stand). */
    record Stored(UUID taskId, Parsed.Invalid refused) {}

    /**
     * What a valid request becomes before anything is written: the task to open (its stored, redacted request and
     * sealed token), whether the default route chose its assignees, or why it cannot become a task after all.
     */
    record Prepared(TaskLifecycle.NewTask task, String executionArn, boolean defaultRouted, Parsed.Invalid refused) {

        static Prepared refused(Parsed.Invalid why) {
            return new Prepared(null, null, false, why);
        }
    }

    /** Stores a valid request (not yet held as a task) as a task; also the path of a re-processed quarantine entry. */
    @Transactional(Transactional.TxType.MANDATORY)
    Stored store(Parsed.Valid valid) {
        Prepared prepared = prepare(valid);
        if (prepared.refused() != null) {
            return new Stored(null, prepared.refused());
        }
        TaskLifecycle.NewTask task = prepared.task();
        UUID taskId = lifecycle.open(task.request(), task.requestJson(), task.tokenHash(), task.sealedToken());
        settle(taskId, prepared, ends.find(prepared.executionArn()));
        return new Stored(taskId, null);
    }

    /** {@link #store}'s checks and redaction, which read and write nothing in the database. */
    Prepared prepare(Parsed.Valid valid) {
        String token = valid.request().taskToken();
        String hash = TaskTokens.tokenHash(token);
        // What is stored, and every column taken from it, comes from the redacted body: the token may sit in the
        // title or anywhere else, and the page re-reads the stored request. A copy of the parser's tree (numbers
        // exact, as the contract reads them): parsing the body again cost intake about 4% of its CPU.
        ObjectNode redacted = valid.body().deepCopy();
        boolean elsewhere = TokenRedaction.redact(redacted, token);
        String stored = redacted.toString();
        ReviewRequest request = valid.request();
        // Only where the token stood elsewhere can the stored request differ from the one parsed (the taskToken
        // field aside, which no column takes); then it is parsed again, as the page will read it.
        if (elsewhere) {
            Parsed reread = parser.parse(stored);
            if (!(reread instanceof Parsed.Valid redactedRequest)) {
                List<String> problems = new ArrayList<>();
                problems.add("taskToken: its value is used elsewhere in the request, where " + TokenRedaction.MARK
                        + " cannot stand in for it");
                problems.addAll(((Parsed.Invalid) reread).problems());
                return Prepared.refused(new Parsed.Invalid(Optional.of(token), problems));
            }
            request = redactedRequest.request();
        }
        Optional<ReviewRequest> routed = defaultRoute.route(request);
        if (routed.isEmpty()) {
            return Prepared.refused(new Parsed.Invalid(Optional.of(token), List.of(DefaultRoute.REFUSAL)));
        }
        List<String> approvalProblems = defaultRoute.approvalProblems(routed.get());
        if (!approvalProblems.isEmpty()) {
            return Prepared.refused(new Parsed.Invalid(Optional.of(token), approvalProblems));
        }
        return new Prepared(
                new TaskLifecycle.NewTask(routed.get(), stored, hash, cipher.sealToken(token, hash)),
                valid.request().executionArn(),
                !request.assignees().named(),
                null);
    }

    /**
     * What follows a new task in its transaction: the default route's note, the link to the review a redrive
     * replaces, and the withdrawal of the review at once when its execution's end is already known.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void settle(UUID taskId, Prepared prepared, Optional<EndedExecution> ended) {
        if (prepared.defaultRouted()) {
            audit.record(AuditLog.SYSTEM, taskId, "DEFAULT_ROUTE", defaultRoute.note());
        }
        redrives.supersedeEarlier(taskId, prepared.task().request(), ended.map(e -> e.stopDate))
                .ifPresent(old -> LOG.infof("Task %s supersedes task %s (a redrive)", taskId, old));
        // The end event may have come first (the queues are independent): then the review is withdrawn at once.
        ended.ifPresent(ends::cancelOpenReviews);
    }

    private Disposition quarantine(QueueMessage message, Parsed.Invalid invalid) {
        Optional<QuarantineEntry> seen = QuarantineEntry.byMessageId(message.messageId());
        if (seen.isPresent()) {
            seen.get().receiveCount = message.receiveCount();
            // Redelivered after a crash before its delete: done with, unless it is one left for the DLQ.
            return counted(
                    IntakeMetrics.Result.DUPLICATE,
                    seen.get().action == QuarantineEntry.Action.LEFT_FOR_DLQ ? Disposition.LEAVE : Disposition.DELETE);
        }
        Optional<String> token = invalid.readableToken();
        String hash = token.map(TaskTokens::tokenHash).orElse(null);
        // A message reusing the token of a task Signoff holds must not fail that execution: its review is open (or
        // already answered) and is what answers the workflow.
        Optional<UUID> task = hash == null ? Optional.empty() : reviews.findByTokenHash(hash);
        boolean alreadyFailed = hash != null && QuarantineEntry.existsForToken(hash);
        // Redacted before anything is cut, so no cut can leave a piece of the token behind.
        List<String> problems = invalid.problems().stream()
                .map(p -> TokenRedaction.redact(p, token.orElse(null)))
                .toList();
        String reason = QuarantineEntry.reason(problems);

        QuarantineEntry entry = new QuarantineEntry();
        entry.id = UUID.randomUUID();
        entry.messageId = QuarantineEntry.cut(message.messageId(), QuarantineEntry.MAX_MESSAGE_ID_CHARS);
        entry.receivedAt = clock.instant();
        entry.receiveCount = message.receiveCount();
        entry.body = redacted(message.body(), token);
        entry.reason = reason;
        entry.tokenHash = hash;
        entry.executionArn = executionArn(message.body());
        entry.action = task.isPresent()
                ? QuarantineEntry.Action.COPY_OF_TASK
                : token.isPresent() ? QuarantineEntry.Action.FAILED_EXECUTION : QuarantineEntry.Action.LEFT_FOR_DLQ;
        if (entry.action == QuarantineEntry.Action.FAILED_EXECUTION) {
            // Sealed, for an admin's re-process once the cause is fixed (the body has only the mark).
            entry.tokenCiphertext = cipher.sealToken(token.get(), hash);
        }
        entry.persist();
        audit.record(
                AuditLog.SYSTEM,
                task.orElse(null),
                "REQUEST_QUARANTINED",
                "message " + message.messageId() + ": " + entry.reason);

        if (task.isPresent()) {
            LOG.warnf(
                    "Message %s is not a valid review request but carries the token of task %s; quarantined %s"
                            + " and deleted without a callback (the task stays as it is): %s",
                    message.messageId(), task.get(), entry.id, entry.reason);
            return counted(IntakeMetrics.Result.QUARANTINED, Disposition.DELETE);
        }
        if (token.isEmpty()) {
            LOG.warnf(
                    "Message %s has no readable task token; quarantined %s and left for the DLQ: %s",
                    message.messageId(), entry.id, entry.reason);
            return counted(IntakeMetrics.Result.QUARANTINED, Disposition.LEAVE);
        }
        if (!alreadyFailed) {
            Callback failure = payloads.invalidRequest(problems, entry.id.toString());
            outbox.enqueueFailure(
                    null,
                    null,
                    entry.id,
                    entry.executionArn,
                    new SealedToken(cipher.sealToken(token.get(), hash), hash),
                    failure.error(),
                    failure.cause());
        }
        LOG.warnf(
                "Message %s is not a valid review request; quarantined %s and failing its execution: %s",
                message.messageId(), entry.id, entry.reason);
        return counted(IntakeMetrics.Result.QUARANTINED, Disposition.DELETE);
    }

    /**
     * The body as received, with the token replaced wherever it occurs (values and field names, at any depth: see
     * {@link TokenRedaction}) so what is stored holds no secret. Decimals are read exactly: the stored request is
     * what the page shows and what the callback returns, so 1280.00 stays 1280.00 instead of passing through a
     * double. A body that is not a JSON object cannot be searched for a token, so it is kept sealed like a token.
     */
    private String redacted(String body, Optional<String> token) {
        try {
            JsonNode node = exact(body);
            if (node instanceof ObjectNode object) {
                TokenRedaction.redact(object, token.orElse(null));
                return object.toString();
            }
        } catch (Exception notJson) {
            // falls through to sealing
        }
        return SEALED_PREFIX + cipher.seal(body);
    }

    /** The body as a tree, decimals exactly as written (1280.00 stays 1280.00). */
    JsonNode exact(String body) throws java.io.IOException {
        return json.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .readTree(body);
    }

    /** The body's executionArn when it fits the column; a longer one is no ARN and is not kept. */
    private String executionArn(String body) {
        String arn = textField(body, "executionArn");
        return arn != null && arn.length() <= QuarantineEntry.MAX_EXECUTION_ARN_CHARS ? arn : null;
    }

    private String textField(String body, String field) {
        try {
            JsonNode value = json.readTree(body).get(field);
            return value != null && value.isTextual() ? value.asText() : null;
        } catch (Exception notJson) {
            return null;
        }
    }
}
