package dev.signoff.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * The reconciliation sweep: a slow DescribeExecution pass over waiting reviews that catches executions whose end event
 * Signoff never received (see {@link Reconciliation}). Out-of-range values stop the app at start-up.
 */
@ConfigMapping(prefix = "signoff.reconcile")
public interface ReconcileConfig {

    /** Run the sweep in this instance. */
    @WithDefault("true")
    boolean enabled();

    /**
     * DescribeExecution calls per second, for all instances together: a share of the account's quota, which the
     * workflows' own tooling needs too.
     */
    @WithDefault("5")
    @Min(1)
    int rate();

    /** How often a round starts; a round makes at most {@code rate} x {@code interval} checks, fleet-wide. */
    @WithDefault("30s")
    @DurationMin(inclusive = false)
    Duration interval();

    /** The checks one round may make, and the fleet may make in any {@code interval}. */
    default int perRound() {
        return (int) Math.max(1, Math.min(100_000, rate() * interval().toSeconds()));
    }
}
