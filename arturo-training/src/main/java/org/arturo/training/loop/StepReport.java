package org.arturo.training.loop;

import java.util.Map;

/**
 * What one step of a training method did, as telemetry and progress show it: the counters every
 * method has, and the method's own scalars by name (CABS's batch size, the trust region's radius, ρ,
 * products, ...), in a stable order.
 */
public interface StepReport {
    /** 1-based number of this step. */
    long step();

    /** The mean loss on this step's batch before the step. */
    double loss();

    /** Training examples drawn so far, this step's included. */
    long examplesSeen();

    /** Gradient evaluations of one batch so far, this step's included (docs/training.md, "Budgets"). */
    long backpropagations();

    /** The method's own scalars, by name; NaN where a value does not exist for this step. */
    Map<String, Double> values();
}
