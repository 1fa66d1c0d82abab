package dev.signoff.notify;

import dev.signoff.review.TaskSummary;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The escalation ladder's clock: every {@code signoff.notify.escalation.sweep-interval} it finds the waiting tasks
 * whose workflow's ladder has a step due (on the injected Clock) and takes each step through {@link EscalationSteps},
 * once per task and step. Tests call {@link #sweep()} themselves.
 */
@ApplicationScoped
class EscalationSweep {

    private static final Logger LOG = Logger.getLogger(EscalationSweep.class);
    /** Tasks one round looks at per ladder; the rest wait for the next round. */
    static final int BATCH = 500;

    // Oldest first; a task with every step of its ladder taken is not read again. The workflow filter is by name in
    // the ARNs (arn:...:stateMachine:<name>, arn:...:execution:<name>:<id>); the name is checked again in Java.
    private static final String WAITING = "select t.id, t.state_machine_arn, t.execution_arn, t.received_at"
            + " from review_task t where t.status = 'PENDING' and t.received_at <= ?1"
            + " and (select count(*) from escalation_step s where s.task_id = t.id) < ?2";
    private static final String OF_WORKFLOW =
            "(coalesce(t.state_machine_arn, '') like ?%d or coalesce(t.execution_arn, '') like ?%d)";

    private final NotifyConfig config;
    private final EscalationLadder ladders;
    private final EscalationSteps steps;
    private final Clock clock;

    EscalationSweep(NotifyConfig config, EscalationLadder ladders, EscalationSteps steps, Clock clock) {
        this.config = config;
        this.ladders = ladders;
        this.steps = steps;
        this.clock = clock;
    }

    @Scheduled(
            every = "${signoff.notify.escalation.sweep-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (!config.enabled()) {
            return;
        }
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "The escalation sweep failed (%s); trying again next round",
                    e.getClass().getSimpleName());
        }
    }

    /** One round over every ladder; returns how many steps it took. */
    int sweep() {
        Instant now = clock.instant();
        int taken = 0;
        for (EscalationLadder.Ladder ladder : ladders.workflows()) {
            taken += climb(ladder, waiting(ladder, now), now);
        }
        if (ladders.fallback().isPresent()) {
            EscalationLadder.Ladder ladder = ladders.fallback().get();
            taken += climb(ladder, waiting(ladder, now), now);
        }
        return taken;
    }

    private int climb(EscalationLadder.Ladder ladder, List<Waiting> tasks, Instant now) {
        int taken = 0;
        for (Waiting task : tasks) {
            if (!ladder.equals(ladderOf(task.workflow()))) {
                continue;
            }
            for (EscalationLadder.Step step : ladder.steps()) {
                if (step.dueFor(task.receivedAt(), now) && take(task.id(), step, now)) {
                    taken++;
                }
            }
        }
        return taken;
    }

    private boolean take(UUID taskId, EscalationLadder.Step step, Instant now) {
        try {
            boolean took = steps.take(taskId, step, now);
            if (took) {
                LOG.infof("Task %s: escalation step %s (%s)", taskId, step.name(), step.group());
            }
            return took;
        } catch (RuntimeException e) {
            // Another instance took the step at the same moment (the guard's key), or the task changed under us: the
            // step is taken or not due any more; the next round looks again.
            LOG.debugf("Task %s: escalation step %s not taken (%s)", taskId, step.name(), e.toString());
            return false;
        }
    }

    private EscalationLadder.Ladder ladderOf(String workflow) {
        if (workflow != null && ladders.named().contains(workflow)) {
            return ladders.workflows().stream()
                    .filter(l -> l.workflow().equals(workflow))
                    .findFirst()
                    .orElse(null);
        }
        return ladders.fallback().orElse(null);
    }

    record Waiting(UUID id, String workflow, Instant receivedAt) {}

    @Transactional
    @SuppressWarnings("unchecked")
    List<Waiting> waiting(EscalationLadder.Ladder ladder, Instant now) {
        List<Object> params = new ArrayList<>(
                List.of(now.minus(ladder.earliest()), ladder.steps().size()));
        StringBuilder sql = new StringBuilder(WAITING);
        List<String> workflows = ladder.workflow() == null ? ladders.named() : List.of(ladder.workflow());
        if (!workflows.isEmpty()) {
            List<String> clauses = new ArrayList<>();
            for (String workflow : workflows) {
                clauses.add(OF_WORKFLOW.formatted(params.size() + 1, params.size() + 2));
                params.add("%:stateMachine:" + workflow);
                params.add("%:execution:" + workflow + ":%");
            }
            String any = "(" + String.join(" or ", clauses) + ")";
            sql.append(ladder.workflow() == null ? " and not " : " and ").append(any);
        }
        params.add(BATCH);
        sql.append(" order by t.received_at limit ?").append(params.size());
        var query = Panache.getEntityManager().createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(c -> new Waiting(
                        c[0] instanceof UUID u ? u : UUID.fromString(c[0].toString()),
                        TaskSummary.stateMachineName((String) c[1], (String) c[2]),
                        instant(c[3])))
                .toList();
    }

    private static Instant instant(Object column) {
        if (column instanceof Instant i) {
            return i;
        }
        if (column instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (column instanceof Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + column.getClass());
    }
}
