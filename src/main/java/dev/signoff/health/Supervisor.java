package dev.signoff.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs background loops on threads of their own and keeps them running. A loop that throws anything, an
 * {@link Error} included (a stack overflow on a poison message, an out-of-memory), or that returns while it should
 * run, is logged, counted and started again after a pause that doubles from {@code 1 s} to {@code 30 s}; the
 * {@link WorkersHealth} check reports every worker and is DOWN while one cannot be kept running. Any package's worker
 * loop can use it: intake's pollers do; the callback dispatcher can by calling {@link #start}.
 */
@ApplicationScoped
public class Supervisor {

    private final Duration firstPause;
    private final Duration maxPause;
    private final Duration stableAfter;
    private final int failingAfter;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();

    public Supervisor() {
        this(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1), 3);
    }

    /**
     * @param stableAfter a worker that ran this long before it failed is starting afresh, not crash-looping
     * @param failingAfter this many failures in a row, each within {@code stableAfter} of the start before it, and
     *     the worker counts as one that cannot be kept running (it is still restarted)
     */
    Supervisor(Duration firstPause, Duration maxPause, Duration stableAfter, int failingAfter) {
        this.firstPause = firstPause;
        this.maxPause = maxPause;
        this.stableAfter = stableAfter;
        this.failingAfter = failingAfter;
    }

    /**
     * Starts {@code loop} on a new thread named {@code name}. The loop runs until its owner makes it return (and has
     * called {@link Worker#stop()} first); anything else it does is a failure.
     */
    public Worker start(String name, Runnable loop) {
        Worker worker = new Worker(name, loop, firstPause, maxPause, stableAfter, failingAfter);
        workers.add(worker);
        worker.launch();
        return worker;
    }

    /** Every worker started and not yet stopped. */
    public List<Worker> workers() {
        workers.removeIf(Worker::stopped);
        return List.copyOf(workers);
    }
}
