package org.arturo.tf;

import java.util.List;
import org.arturo.tf.state.StateFactory;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/** arTuRO with a fixed configuration, as a {@link GraphOptimizer} for host adapters. */
public final class ArturoOptimizer implements GraphOptimizer {
    private final ArturoConfig config;

    public ArturoOptimizer(ArturoConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    public ArturoConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "arTuRO";
    }

    @Override
    public ArturoUpdate apply(Ops tf, List<Variable<Float>> parameters, List<? extends Operand<Float>> gradients,
                              StateFactory stateFactory) {
        return ArturoUpdate.applyGradients(tf, parameters, gradients, config, stateFactory);
    }
}
