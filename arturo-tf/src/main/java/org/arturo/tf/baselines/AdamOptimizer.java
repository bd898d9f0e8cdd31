package org.arturo.tf.baselines;

import java.util.List;
import java.util.Objects;
import org.arturo.tf.state.PlainStateFactory;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * Adam with coupled L2 weight decay and a bias correction that advances with every applied step
 * (PyTorch's {@code torch.optim.Adam}; docs/baselines.md, eq. B1, B4–B6), on TF's fused ApplyAdam.
 *
 * <p>State: slots {@code m} and {@code v} per parameter; scalars {@code adam_step} and, with
 * skipping on, {@code adam_skipped_steps}.
 */
public final class AdamOptimizer extends BaselineOptimizer {
    /** Slot names of the first and second moment, as hosts and checkpoints see them. */
    public static final String FIRST_MOMENT_SLOT = AdamStepGraph.FIRST_MOMENT;
    public static final String SECOND_MOMENT_SLOT = AdamStepGraph.SECOND_MOMENT;

    private final AdamConfig config;

    public AdamOptimizer(AdamConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public AdamConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "Adam";
    }

    @Override
    String stateName() {
        return "adam";
    }

    @Override
    BaselineUpdate build(Ops tf, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients,
                         StateFactory factory, PlainStateFactory plain) {
        AdamConfig c = config;
        AdamStepGraph.Settings settings = new AdamStepGraph.Settings(stateName(), c.learningRate(), c.beta1(),
                c.beta2(), c.epsilon(), c.weightDecay(), false, c.schedule(), c.skipNonFinite());
        return AdamStepGraph.build(tf, settings, parameters, gradients, factory, plain);
    }
}
