package dev.signoff.sandbox.stepfunctions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Injected faults per operation, used up in the order they were added. */
final class Faults {

    private static final class Pending {
        final Fault fault;
        int left;

        Pending(Fault fault) {
            this.fault = fault;
            this.left = fault.times();
        }
    }

    private final Map<String, Deque<Pending>> byOperation = new HashMap<>();

    synchronized void add(String operation, Fault fault) {
        byOperation.computeIfAbsent(operation, op -> new ArrayDeque<>()).addLast(new Pending(fault));
    }

    synchronized Optional<Fault> take(String operation) {
        Deque<Pending> queue = byOperation.get(operation);
        if (queue == null || queue.isEmpty()) {
            return Optional.empty();
        }
        Pending next = queue.peekFirst();
        next.left--;
        if (next.left == 0) {
            queue.removeFirst();
        }
        return Optional.of(next.fault);
    }

    synchronized void clear() {
        byOperation.clear();
    }
}
