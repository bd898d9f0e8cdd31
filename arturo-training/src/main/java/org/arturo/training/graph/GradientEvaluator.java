package org.arturo.training.graph;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.graph.GraphInputs;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * The loss and its gradient on a batch of any size, read to the host. The gradient ops are built once,
 * when the evaluator is made.
 */
public final class GradientEvaluator {
    /** The batch's mean loss and the gradient of that mean, one array per variable. */
    public record Evaluation(double loss, List<float[]> gradients) {
    }

    private final ModelGraph model;
    private final List<Operand<Float>> gradients;

    public GradientEvaluator(ModelGraph model) {
        this.model = model;
        this.gradients = GraphInputs.gradientsOf(model.tf(), model.loss(), model.variables());
    }

    public ModelGraph model() {
        return model;
    }

    /** The batch's mean loss alone (a forward pass). */
    public double loss(Batch batch) {
        return run(batch, List.of()).loss();
    }

    public Evaluation evaluate(Batch batch) {
        return run(batch, gradients);
    }

    /** The gradient operands, one per variable, in the model's order. */
    List<Operand<Float>> gradients() {
        return gradients;
    }

    /** One run on {@code batch}: the mean loss and the values of {@code fetches}, read to the host. */
    Evaluation run(Batch batch, List<Operand<Float>> fetches) {
        if (batch.inputs() != model.inputs().size()) {
            throw new IllegalArgumentException("batch: " + batch.inputs() + " inputs, the model has " + model.inputs().size());
        }
        Session.Runner runner = model.session().runner();
        List<Tensor<?>> open = new ArrayList<>();
        try {
            for (int i = 0; i < batch.inputs(); i++) {
                Tensor<Float> t = batch.tensor(i);
                open.add(t);
                runner.feed(model.inputs().get(i), t);
            }
            open.addAll(model.feeds().feed(runner, batch.size()));
            runner.fetch(model.loss());
            fetches.forEach(runner::fetch);
            List<Tensor<?>> out = runner.run();
            open.addAll(out);
            List<float[]> values = new ArrayList<>();
            for (int k = 1; k < out.size(); k++) {
                FloatBuffer buffer = FloatBuffer.allocate((int) out.get(k).numElements());
                out.get(k).expect(Float.class).writeTo(buffer);
                values.add(buffer.array());
            }
            return new Evaluation(out.get(0).floatValue(), values);
        } finally {
            open.forEach(Tensor::close);
        }
    }
}
