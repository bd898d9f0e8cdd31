package org.arturo.training.graph;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.GraphOptimizer;
import org.arturo.tf.OptimizerUpdate;
import org.arturo.tf.StepInputs;
import org.arturo.tf.state.PlainStateFactory;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * An optimizer of the library applied to gradients computed on the host (a loop that averages
 * micro-batches or changes the batch size): the update is built once on placeholders for the gradients
 * and their within-batch variances, with the optimizer's state in plain graph variables, and run with
 * the values fed. The optimizer's guard works as in any graph: a non-finite gradient skips the step.
 */
public final class HostGradientStep {
    private final ModelGraph model;
    private final List<Placeholder<Float>> gradients = new ArrayList<>();
    private final List<Placeholder<Float>> variances = new ArrayList<>();
    private final OptimizerUpdate update;
    private final List<Variable<Float>> stateVariables;

    public HostGradientStep(ModelGraph model, GraphOptimizer optimizer) {
        this.model = model;
        Ops tf = model.tf();
        for (Variable<Float> v : model.variables()) {
            Shape shape = v.asOutput().shape();
            gradients.add(tf.placeholder(Float.class, Placeholder.shape(shape)));
            variances.add(tf.placeholder(Float.class, Placeholder.shape(shape)));
        }
        PlainStateFactory state = new PlainStateFactory(optimizer.stateName());
        update = optimizer.apply(StepInputs.ofGradients(tf, model.variables(), new ArrayList<Operand<Float>>(gradients))
                .withGradientVariances(new ArrayList<Operand<Float>>(variances)), state);
        model.session().runner().addTarget(state.initializer(tf).op()).run();
        stateVariables = state.variables();
    }

    /** The optimizer's state (slots and scalars such as the step counter), for checkpoints. */
    public List<Variable<Float>> stateVariables() {
        return stateVariables;
    }

    public OptimizerUpdate update() {
        return update;
    }

    /** One step with these gradients and, per element, the variances of the batch gradient (may be null). */
    public void apply(List<float[]> gradientValues, List<double[]> varianceValues) {
        Session.Runner runner = model.session().runner().addTarget(update.trainOp());
        List<Tensor<?>> open = new ArrayList<>();
        try {
            for (int i = 0; i < gradients.size(); i++) {
                long[] shape = ParameterAccess.shapeOf(model.variables().get(i));
                Tensor<Float> g = Tensor.create(shape, FloatBuffer.wrap(gradientValues.get(i)));
                open.add(g);
                runner.feed(gradients.get(i), g);
                float[] v = new float[gradientValues.get(i).length];
                if (varianceValues != null) {
                    for (int j = 0; j < v.length; j++) {
                        v[j] = (float) varianceValues.get(i)[j];
                    }
                }
                Tensor<Float> vt = Tensor.create(shape, FloatBuffer.wrap(v));
                open.add(vt);
                runner.feed(variances.get(i), vt);
            }
            runner.run();
        } finally {
            open.forEach(Tensor::close);
        }
    }
}
