package dev.signoff.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workflow label of signoff_tasks_waiting has at most max + 1 values, each no more than a state machine name. */
class WorkflowLabelsTest {

    @Test
    void the_workflows_with_most_waiting_keep_their_name_and_the_rest_are_summed_as_other() {
        Map<String, Long> waiting = new HashMap<>();
        waiting.put("invoices", 40L);
        waiting.put("compliance", 30L);
        waiting.put("research", 2L);
        waiting.put("one-off", 1L);

        assertThat(WorkflowLabels.capped(waiting, 2))
                .containsExactly(Map.entry("invoices", 40L), Map.entry("compliance", 30L), Map.entry("other", 3L));
    }

    @Test
    void a_missing_name_is_unknown_and_a_strange_one_keeps_only_what_aws_allows_in_a_name() {
        Map<String, Long> waiting = new HashMap<>();
        waiting.put(null, 1L);
        waiting.put("bad\"name\n{x}" + "y".repeat(200), 1L);

        Map<String, Long> labels = WorkflowLabels.capped(waiting, 5);

        assertThat(labels).containsKey("unknown");
        assertThat(labels.keySet()).allSatisfy(label -> assertThat(label).matches("[A-Za-z0-9_-]{1,80}"));
    }
}
