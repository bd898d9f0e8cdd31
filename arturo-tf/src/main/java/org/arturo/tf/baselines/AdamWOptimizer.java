package org.arturo.tf.baselines;

import java.util.List;
import java.util.Objects;
import org.arturo.tf.state.PlainStateFactory;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * AdamW (PyTorch's {@code torch.optim.AdamW}; docs/baselines.md, eq. B7 then B4–B6): decoupled
 * weight decay θ ← θ·(1 − lr_t·wd), then the Adam step with an advancing bias correction.
 *
 * <p>State: slots {@code m} and {@code v} per parameter; scalars {@code adamw_step} and, with
 * skipping on, {@code adamw_skipped_steps}.
 */
public final class AdamWOptimizer extends BaselineOptimizer {
    public static final String FIRST_MOMENT_SLOT = AdamStepGraph.FIRST_MOMENT;
    public static final String SECOND_MOMENT_SLOT = AdamStepGraph.SECOND_MOMENT;

    private final AdamWConfig config;

    public AdamWOptimizer(AdamWConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public AdamWConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "AdamW";
    }

    @Override
    String stateName() {
        return "adamw";
    }

    @Override
    BaselineUpdate build(Ops tf, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients,
                         StateFactory factory, PlainStateFactory plain) {
        AdamWConfig c = config;
        AdamStepGraph.Settings settings = new AdamStepGraph.Settings(stateName(), c.learningRate(), c.beta1(),
                c.beta2(), c.epsilon(), c.weightDecay(), true, c.schedule(), c.skipNonFinite());
        return AdamStepGraph.build(tf, settings, parameters, gradients, factory, plain);
    }
}
