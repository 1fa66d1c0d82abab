package dev.signoff.intake;

import dev.signoff.contract.Parsed;
import dev.signoff.contract.ReviewRequest;
import dev.signoff.contract.ReviewRequestParser;
import dev.signoff.contract.TaskTokens;
import dev.signoff.review.ReviewService;
import dev.signoff.review.TaskLifecycle;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The fast way in for a received batch of new requests, the usual case: what the batch's tokens and executions
 * already have in the database is read once for the whole batch (one query each), and its tasks are written
 * together ({@link TaskLifecycle#openAll}), so each table's rows go to the database as one JDBC batch and nothing is
 * flushed before the commit. It takes this way only where the result is the one {@link IntakeService#acceptAll}
 * (one message after the other) gives: each message a valid request that is stored as it is or repeats one, and none
 * whose execution has a recorded end or that is a redrive (those touch other reviews of their execution, so their
 * order within the batch would matter). Any other batch goes through {@link IntakeService#acceptAll}'s path in the
 * same transaction, before anything is written. A failure here is not pinned to a message: the caller then takes
 * the batch in one message after the other, which pins it ({@link QueuePoller#handleBatch}).
 */
@ApplicationScoped
class IntakeBatch {

    private final IntakeService intake;
    private final ReviewRequestParser parser;
    private final ReviewService reviews;
    private final ExecutionEnds ends;
    private final TaskLifecycle lifecycle;

    IntakeBatch(
            IntakeService intake,
            ReviewRequestParser parser,
            ReviewService reviews,
            ExecutionEnds ends,
            TaskLifecycle lifecycle) {
        this.intake = intake;
        this.parser = parser;
        this.reviews = reviews;
        this.ends = ends;
        this.lifecycle = lifecycle;
    }

    /** One message's part of the plan: a new task to open, or a copy of the task at {@code original}. */
    private record Step(IntakeService.Prepared open, String hash, UUID existing, int original) {}

    /** One transaction for the batch; the dispositions in the batch's order (see the class comment). */
    @Transactional
    List<Disposition> accept(List<QueueMessage> batch) {
        List<Parsed> parsed = batch.stream().map(m -> parser.parse(m.body())).toList();
        Optional<List<Step>> plan = plan(batch, parsed);
        if (plan.isEmpty()) {
            return intake.takeEach(batch, parsed);
        }
        List<Step> steps = plan.get();
        List<TaskLifecycle.NewTask> openings = new ArrayList<>();
        for (Step step : steps) {
            if (step.open() != null) {
                openings.add(step.open().task());
            }
        }
        List<UUID> opened = lifecycle.openAll(openings);
        UUID[] taskOf = new UUID[batch.size()];
        int next = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).open() != null) {
                taskOf[i] = opened.get(next++);
                intake.settle(taskOf[i], steps.get(i).open(), Optional.empty());
            }
        }
        List<Disposition> dispositions = new ArrayList<>(batch.size());
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            dispositions.add(
                    step.open() != null
                            ? intake.opened(batch.get(i), taskOf[i], step.hash())
                            : intake.repeated(
                                    batch.get(i), step.existing() != null ? step.existing() : taskOf[step.original()]));
        }
        Panache.flush();
        return dispositions;
    }

    /** Empty when some message is not a plain new request or copy (see the class comment): nothing is written. */
    private Optional<List<Step>> plan(List<QueueMessage> batch, List<Parsed> parsed) {
        List<String> hashes = new ArrayList<>(batch.size());
        Set<String> executions = new HashSet<>();
        for (Parsed p : parsed) {
            if (!(p instanceof Parsed.Valid valid)) {
                return Optional.empty();
            }
            ReviewRequest request = valid.request();
            if (request.redriveCount().orElse(0) > 0) {
                return Optional.empty();
            }
            hashes.add(TaskTokens.tokenHash(request.taskToken()));
            executions.add(request.executionArn());
        }
        if (!ends.endedAmong(executions).isEmpty()) {
            return Optional.empty();
        }
        Map<String, UUID> stored = reviews.findByTokenHashes(new HashSet<>(hashes));
        Map<String, Integer> firstInBatch = new HashMap<>();
        List<Step> steps = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String hash = hashes.get(i);
            if (stored.containsKey(hash)) {
                steps.add(new Step(null, hash, stored.get(hash), -1));
                continue;
            }
            Integer original = firstInBatch.putIfAbsent(hash, i);
            if (original != null) {
                // A copy of a request earlier in this batch: what the one-by-one path finds once that one is stored.
                steps.add(new Step(null, hash, null, original));
                continue;
            }
            IntakeService.Prepared prepared = intake.prepare((Parsed.Valid) parsed.get(i));
            if (prepared.refused() != null) {
                return Optional.empty();
            }
            steps.add(new Step(prepared, hash, null, -1));
        }
        return Optional.of(steps);
    }
}
