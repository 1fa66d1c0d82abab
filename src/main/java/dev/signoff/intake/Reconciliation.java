package dev.signoff.intake;

import dev.signoff.decision.RateLimiter;
import dev.signoff.decision.StepFunctionsGateway;
import dev.signoff.decision.StepFunctionsGateway.Described;
import dev.signoff.review.ExecutionChecks;
import dev.signoff.review.TaskLifecycle;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The backstop for missed end events (the events queue not configured, a rule or message lost): a slow
 * DescribeExecution pass over the waiting reviews, never-checked first, then the longest since their last check. An
 * execution that ended closes its open reviews exactly as its end event would have ({@link ExecutionEnds}); one Step
 * Functions does not know (ExecutionDoesNotExist: never started here, or closed over 90 days ago) cancels the review
 * with that reason; a running one only records the check. Every answer is kept on the task, for the admins' stalled
 * list; a check that got no answer (throttled, network, access) is made again when the task's turn comes round again.
 * DECIDED tasks are left out: their callback finds out on its own (TaskTimedOut, then the history check).
 *
 * <p>The rate holds for the whole fleet: a round first counts the checks any instance made in the last interval
 * ({@code execution_checked_at}), makes only what is left of {@code rate} x {@code interval}, and paces its calls at
 * {@code rate}. A round claims its whole share before its first call, so two instances never ask about the same task
 * and a round starting elsewhere meanwhile counts this one's share; two rounds starting at the very same moment can
 * both count the same budget, at worst doubling one round.
 */
@ApplicationScoped
class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);
    static final String DOES_NOT_EXIST = "DOES_NOT_EXIST";

    private final ExecutionChecks checks;
    private final ExecutionEnds ends;
    private final TaskLifecycle lifecycle;
    private final StepFunctionsGateway stepFunctions;
    private final ReconcileConfig config;
    private final Clock clock;
    private final RateLimiter pace;

    Reconciliation(
            ExecutionChecks checks,
            ExecutionEnds ends,
            TaskLifecycle lifecycle,
            StepFunctionsGateway stepFunctions,
            ReconcileConfig config,
            Clock clock) {
        this.checks = checks;
        this.ends = ends;
        this.lifecycle = lifecycle;
        this.stepFunctions = stepFunctions;
        this.config = config;
        this.clock = clock;
        this.pace = new RateLimiter(config.rate(), 1, System::nanoTime, RateLimiter.Sleeper.PARK);
    }

    @Scheduled(
            every = "${signoff.reconcile.interval:30s}",
            delayed = "${signoff.reconcile.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        if (config.enabled()) {
            round();
        }
    }

    /**
     * One round; returns how many executions it asked about. Its whole share of the budget is claimed first, so an
     * instance starting a round meanwhile counts it and takes only what is left.
     */
    int round() {
        Instant now = clock.instant();
        List<ExecutionChecks.Claim> claimed = checks.claimShare(now.minus(config.interval()), config.perRound(), now);
        int asked = 0;
        for (ExecutionChecks.Claim claim : claimed) {
            if (!pace.acquire(config.interval())) {
                // Only if this round ran far behind its pace (it never should): the rest wait for the next.
                claimed.subList(asked, claimed.size()).forEach(checks::release);
                break;
            }
            asked++;
            apply(claim, stepFunctions.describe(claim.executionArn()));
        }
        if (asked > 0) {
            LOG.debugf("Reconciliation round: %d execution(s) checked", asked);
        }
        return asked;
    }

    private void apply(ExecutionChecks.Claim claim, Described described) {
        if (described instanceof Described.Unknown unknown) {
            // The claim stays: the task waits its turn again at the back of the line, so one whose execution can never
            // be read (access denied) does not take every round's first check.
            LOG.infof(
                    "Could not check the execution of task %s, will try again in its turn: %s",
                    claim.taskId(), unknown.reason());
        } else {
            settle(claim, described);
        }
    }

    @Transactional
    void settle(ExecutionChecks.Claim claim, Described described) {
        if (described instanceof Described.Status status) {
            checks.record(claim, status.status());
            if (ExecutionEvent.TERMINAL.contains(status.status())) {
                int cancelled = ends.described(claim.executionArn(), status.status(), status.stopDate());
                LOG.infof(
                        "Reconciliation: the execution of task %s is %s (no end event came); %d open review(s)"
                                + " cancelled",
                        claim.taskId(), status.status(), cancelled);
            }
        } else if (described instanceof Described.Missing missing) {
            checks.record(claim, DOES_NOT_EXIST);
            lifecycle.cancel(
                    claim.taskId(),
                    "Step Functions does not know the execution (" + missing.reason()
                            + "): it never ran in this account and region, or closed more than 90 days ago");
        }
    }
}
