package dev.signoff.metrics;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounded workflow labels: the {@code max} workflows with the most waiting tasks keep their state machine name, the
 * rest are summed as {@value #OTHER}. Names are cut to what AWS allows in one (letters, digits, - and _; 80 at most),
 * so a label never carries more than a state machine's name.
 */
final class WorkflowLabels {

    static final String OTHER = "other";
    static final String UNKNOWN = "unknown";

    private WorkflowLabels() {}

    static Map<String, Long> capped(Map<String, Long> byWorkflow, int max) {
        Map<String, Long> labels = new LinkedHashMap<>();
        var sorted = byWorkflow.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(e -> String.valueOf(e.getKey())))
                .toList();
        for (int i = 0; i < sorted.size(); i++) {
            String label = i < max ? label(sorted.get(i).getKey()) : OTHER;
            labels.merge(label, sorted.get(i).getValue(), Long::sum);
        }
        return labels;
    }

    static String label(String stateMachineName) {
        if (stateMachineName == null || stateMachineName.isBlank()) {
            return UNKNOWN;
        }
        String safe = stateMachineName.replaceAll("[^A-Za-z0-9_-]", "_");
        return safe.length() <= 80 ? safe : safe.substring(0, 80);
    }
}
