package dev.signoff.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * One {@link RateLimiter} per group of Step Functions operations, as {@link StepFunctionsLimits} sets them. A call
 * refused here never reaches AWS, so it is counted here ({@value #REFUSED}), not among the SDK's calls. The gateway
 * reports each call's answer back ({@link #answered}): a throttle slows its group down to under the quota AWS
 * enforces, and the rate each group allows now is a gauge ({@value #RATE}).
 */
@ApplicationScoped
public class StepFunctionsRates {

    private final RateLimiter sendTask;
    private final RateLimiter describeExecution;
    private final RateLimiter executionHistory;
    private final Duration maxWait;
    private final Counter sendTaskRefused;
    private final Counter describeRefused;
    private final Counter historyRefused;

    static final String REFUSED = "signoff.stepfunctions.rate.limited";
    static final String RATE = "signoff.stepfunctions.rate.allowed";

    /** The groups of operations that share a quota, each with its own limiter. */
    enum Group {
        SEND_TASK("send-task"),
        DESCRIBE_EXECUTION("describe-execution"),
        GET_EXECUTION_HISTORY("get-execution-history");

        final String tag;

        Group(String tag) {
            this.tag = tag;
        }
    }

    @Inject
    StepFunctionsRates(StepFunctionsLimits limits, MeterRegistry registry) {
        this(
                RateLimiter.perSecond(limits.sendTaskRate()),
                RateLimiter.perSecond(limits.describeExecutionRate()),
                RateLimiter.perSecond(limits.getExecutionHistoryRate()),
                limits.maxWait(),
                registry);
    }

    StepFunctionsRates(
            RateLimiter sendTask,
            RateLimiter describeExecution,
            RateLimiter executionHistory,
            Duration maxWait,
            MeterRegistry registry) {
        this.sendTask = sendTask;
        this.describeExecution = describeExecution;
        this.executionHistory = executionHistory;
        this.maxWait = maxWait;
        this.sendTaskRefused = refused(registry, Group.SEND_TASK.tag);
        this.describeRefused = refused(registry, Group.DESCRIBE_EXECUTION.tag);
        this.historyRefused = refused(registry, Group.GET_EXECUTION_HISTORY.tag);
        for (Group group : Group.values()) {
            Gauge.builder(RATE, this, rates -> rates.limiter(group).rate())
                    .description("Step Functions calls a second Signoff allows itself now: the configured rate, or"
                            + " less while it backs off from throttling")
                    .tag("group", group.tag)
                    .register(registry);
        }
    }

    /**
     * How a call that had its permit was answered: throttled (the group slows down) or through (counted for the
     * next slow-down). Other failures say nothing about the quota.
     */
    void answered(Group group, boolean throttled) {
        if (throttled) {
            limiter(group).throttled();
        } else {
            limiter(group).passed();
        }
    }

    private RateLimiter limiter(Group group) {
        return switch (group) {
            case SEND_TASK -> sendTask;
            case DESCRIBE_EXECUTION -> describeExecution;
            case GET_EXECUTION_HISTORY -> executionHistory;
        };
    }

    private static Counter refused(MeterRegistry registry, String group) {
        return Counter.builder(REFUSED)
                .description("Step Functions calls Signoff did not make: its own rate limit would have held them past"
                        + " signoff.step-functions.max-wait")
                .tag("group", group)
                .register(registry);
    }

    /** No limit worth the name: for tests of the gateway that are about something else. */
    static StepFunctionsRates unlimited() {
        RateLimiter none = RateLimiter.perSecond(1_000_000);
        return new StepFunctionsRates(none, none, none, Duration.ZERO, new SimpleMeterRegistry());
    }

    /** A permit for one SendTask* call, waiting at most {@code max-wait}. */
    boolean sendTask() {
        return counted(sendTask.acquire(maxWait), sendTaskRefused);
    }

    boolean describeExecution() {
        return counted(describeExecution.acquire(maxWait), describeRefused);
    }

    /** A permit for one history page, waiting at most {@code max-wait} and never past {@code left}. */
    boolean historyPage(Duration left) {
        return counted(executionHistory.acquire(left.compareTo(maxWait) < 0 ? left : maxWait), historyRefused);
    }

    private static boolean counted(boolean permitted, Counter refused) {
        if (!permitted) {
            refused.increment();
        }
        return permitted;
    }
}
