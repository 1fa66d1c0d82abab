package dev.signoff.sandbox.stepfunctions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The most recent calls, so a sandbox left running for days does not grow without bound. */
public final class CallLog {

    static final int CAPACITY = 10_000;

    private final Deque<CallRecord> records = new ArrayDeque<>();
    private long total;

    /**
     * Calls after a given count, and where the next read starts ({@code next}); {@code missed} is how many in between
     * the log had already let go of.
     */
    public record Page(List<CallRecord> calls, long next, long missed) {}

    synchronized void add(CallRecord record) {
        if (records.size() == CAPACITY) {
            records.removeFirst();
        }
        records.addLast(record);
        total++;
    }

    synchronized Page after(long seen) {
        long firstHeld = total - records.size();
        long skip = Math.max(0, seen - firstHeld);
        List<CallRecord> newer = records.stream().skip(skip).toList();
        return new Page(newer, total, Math.max(0, firstHeld - seen));
    }

    synchronized List<CallRecord> snapshot() {
        return List.copyOf(records);
    }
}
