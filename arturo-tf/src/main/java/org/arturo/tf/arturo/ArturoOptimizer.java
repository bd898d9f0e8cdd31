package org.arturo.tf.arturo;

import org.arturo.tf.ConfiguredOptimizer;
import org.arturo.tf.StepInputs;
import org.arturo.tf.TrainStep;
import org.arturo.tf.state.StateFactory;

/**
 * arTuRO (docs/algorithm.md, Algorithm 1) with a fixed configuration.
 *
 * <p>State: slots {@code prec} and the surrogate's ({@code lin, quad, p00, p01, p11} for the Kalman
 * filter) per parameter; scalars {@code arturo_step}, {@code arturo_skipped_steps}, {@code arturo_eta},
 * {@code arturo_kl_ratio}, {@code arturo_solver_iterations}, {@code arturo_epsilon} and, with the
 * outlier guard on (the default), {@code arturo_outlier_steps} and {@code arturo_gradient_scale}.
 */
public final class ArturoOptimizer extends ConfiguredOptimizer<ArturoConfig> {
    public ArturoOptimizer(ArturoConfig config) {
        super(config, "arTuRO", "arturo");
    }

    @Override
    protected TrainStep buildStep(StepInputs inputs, StateFactory state) {
        return ArturoStepGraph.build(inputs, config(), new ArturoState(inputs.tf(), inputs.parameters(), inputs.gradients(), config(), state));
    }
}
