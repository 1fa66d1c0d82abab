package dev.signoff.sandbox.stepfunctions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The most recent calls, so a sandbox left running for days does not grow without bound. */
final class CallLog {

    static final int CAPACITY = 10_000;

    private final Deque<CallRecord> records = new ArrayDeque<>();

    synchronized void add(CallRecord record) {
        if (records.size() == CAPACITY) {
            records.removeFirst();
        }
        records.addLast(record);
    }

    synchronized List<CallRecord> snapshot() {
        return List.copyOf(records);
    }
}
