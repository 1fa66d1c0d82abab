package dev.signoff.sandbox.stepfunctions;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** All executions, by ARN and by the SHA-256 of their task token (the token itself is not kept). */
final class Executions {

    private final ConcurrentMap<String, Execution> byArn = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Execution> byTokenHash = new ConcurrentHashMap<>();
    private final List<Execution> inStartOrder = new CopyOnWriteArrayList<>();

    void register(Execution execution) {
        if (byArn.putIfAbsent(execution.arn(), execution) != null) {
            throw new IllegalArgumentException("ExecutionAlreadyExists: " + execution.arn());
        }
        byTokenHash.put(execution.tokenHash(), execution);
        inStartOrder.add(execution);
    }

    Optional<Execution> byArn(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    Optional<Execution> byTokenHash(String hash) {
        return Optional.ofNullable(byTokenHash.get(hash));
    }

    List<Execution> all() {
        return List.copyOf(inStartOrder);
    }
}
