package org.arturo.tf.arturo;

import java.util.Optional;
import org.arturo.tf.ConfiguredOptimizer;
import org.arturo.tf.StepInputs;
import org.arturo.tf.TrainStep;
import org.arturo.tf.kernel.Kernel;
import org.arturo.tf.kernel.KernelChoice;
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

    private volatile KernelChoice kernel;

    /**
     * The kernel the last built step runs on, and why (docs/native-kernel.md); empty before the
     * optimizer is built into a graph. The diagnostic {@link ArturoDiagnostics#NATIVE_KERNEL} says the same.
     */
    public Optional<KernelChoice> kernel() {
        return Optional.ofNullable(kernel);
    }

    @Override
    protected TrainStep buildStep(StepInputs inputs, StateFactory state) {
        // Chosen before any op is made, so a NATIVE that cannot run fails with an untouched graph.
        KernelChoice choice = KernelChoice.of(config().kernel(), NativeExactStep.supports(config()), NativeExactStep.SUPPORTED);
        boolean onNative = choice.kernel() == Kernel.NATIVE;
        ArturoState s = new ArturoState(inputs.tf(), inputs.parameters(), inputs.gradients(), config(), state, onNative);
        TrainStep step = onNative ? NativeStepGraph.build(inputs, config(), s)
                : ArturoStepGraph.build(inputs, config(), s);
        kernel = choice;
        return step;
    }
}
