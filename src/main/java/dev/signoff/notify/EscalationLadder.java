package dev.signoff.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The escalation ladders from configuration ({@code signoff.notify.escalation}): per state machine name, or the default
 * for the others. A step exists only with its group and its time; a workflow without either step is not escalated.
 */
@ApplicationScoped
class EscalationLadder {

    static final String NOTIFY = "notify";
    static final String REASSIGN = "reassign";

    /**
     * One step of a ladder: tell the group (notify) or add it as an assignee (reassign) once the task waited
     * {@code after}. Its occurrence, {@code notify-8h:escalations}, names it in the outbox.
     */
    record Step(String name, Duration after, String group) {

        boolean reassign() {
            return name.equals(REASSIGN);
        }

        boolean dueFor(Instant receivedAt, Instant now) {
            return !receivedAt.plus(after).isAfter(now);
        }

        String occurrence() {
            return name + "-" + Offsets.label(after) + ":" + group;
        }

        static Optional<Step> parse(String occurrence) {
            int dash = occurrence.indexOf('-');
            int colon = occurrence.indexOf(':');
            if (dash <= 0 || colon < dash) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Step(
                        occurrence.substring(0, dash),
                        Offsets.duration(occurrence.substring(dash + 1, colon)),
                        occurrence.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** A workflow's steps (notify first); {@code workflow} is null for the default ladder. */
    record Ladder(String workflow, List<Step> steps) {

        Duration earliest() {
            return steps.stream().map(Step::after).min(Duration::compareTo).orElseThrow();
        }
    }

    private final List<Ladder> configured;
    private final Optional<Ladder> fallback;

    EscalationLadder(NotifyConfig config) {
        List<Ladder> ladders = new ArrayList<>();
        for (Map.Entry<String, NotifyConfig.Ladder> e :
                config.escalation().workflows().entrySet()) {
            ladders.add(ladder(e.getKey(), e.getValue()));
        }
        this.configured = List.copyOf(ladders);
        this.fallback = Optional.of(ladder(null, config.escalation().fallback()))
                .filter(l -> !l.steps().isEmpty());
    }

    /** The workflows with a ladder of their own, with at least one step. */
    List<Ladder> workflows() {
        return configured.stream().filter(l -> !l.steps().isEmpty()).toList();
    }

    /** Every workflow named in configuration, even one whose ladder is empty (it opts out of the default). */
    List<String> named() {
        return configured.stream().map(Ladder::workflow).toList();
    }

    Optional<Ladder> fallback() {
        return fallback;
    }

    static Ladder ladder(String workflow, NotifyConfig.Ladder config) {
        List<Step> steps = new ArrayList<>();
        config.group().filter(g -> !g.isBlank()).ifPresent(group -> {
            config.notifyAfter().ifPresent(after -> steps.add(new Step(NOTIFY, after, group)));
            config.reassignAfter().ifPresent(after -> steps.add(new Step(REASSIGN, after, group)));
        });
        return new Ladder(workflow, List.copyOf(steps));
    }
}
