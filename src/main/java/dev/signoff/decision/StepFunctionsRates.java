package dev.signoff.decision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** One {@link RateLimiter} per group of Step Functions operations, as {@link StepFunctionsLimits} sets them. */
@ApplicationScoped
public class StepFunctionsRates {

    private final RateLimiter sendTask;
    private final RateLimiter describeExecution;
    private final RateLimiter executionHistory;
    private final Duration maxWait;

    @Inject
    StepFunctionsRates(StepFunctionsLimits limits) {
        this(
                RateLimiter.perSecond(limits.sendTaskRate()),
                RateLimiter.perSecond(limits.describeExecutionRate()),
                RateLimiter.perSecond(limits.getExecutionHistoryRate()),
                limits.maxWait());
    }

    StepFunctionsRates(
            RateLimiter sendTask, RateLimiter describeExecution, RateLimiter executionHistory, Duration maxWait) {
        this.sendTask = sendTask;
        this.describeExecution = describeExecution;
        this.executionHistory = executionHistory;
        this.maxWait = maxWait;
    }

    /** No limit worth the name: for tests of the gateway that are about something else. */
    static StepFunctionsRates unlimited() {
        RateLimiter none = RateLimiter.perSecond(1_000_000);
        return new StepFunctionsRates(none, none, none, Duration.ZERO);
    }

    /** A permit for one SendTask* call, waiting at most {@code max-wait}. */
    boolean sendTask() {
        return sendTask.acquire(maxWait);
    }

    boolean describeExecution() {
        return describeExecution.acquire(maxWait);
    }

    /** A permit for one history page, waiting at most {@code max-wait} and never past {@code left}. */
    boolean historyPage(Duration left) {
        return executionHistory.acquire(left.compareTo(maxWait) < 0 ? left : maxWait);
    }
}
