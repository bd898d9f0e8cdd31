package org.arturo.kotlindl;

import java.util.ArrayList;
import java.util.List;
import org.arturo.training.graph.Batch;
import org.arturo.training.graph.BatchFeeds;
import org.arturo.training.graph.ModelGraph;
import org.jetbrains.kotlinx.dl.api.core.GraphTrainableModel;
import org.jetbrains.kotlinx.dl.api.core.layer.KVariable;
import org.jetbrains.kotlinx.dl.api.core.layer.Layer;
import org.jetbrains.kotlinx.dl.api.core.layer.TrainableLayer;
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset;
import org.tensorflow.Tensor;
import org.tensorflow.op.core.Variable;

/**
 * A compiled KotlinDL model as arturo-training's loops see it ({@link ModelGraph}): its session, its
 * features and labels placeholders, its training loss and the variables of its trainable layers. Each
 * run feeds what {@code fit} feeds beside the data: the number of loss terms (m × classes) and the
 * training flag. The optimizer the model was compiled with is not used: the loop brings its own.
 */
public final class KotlinDlModelGraph {
    private KotlinDlModelGraph() {
    }

    /**
     * The model's graph; initializes the model's variables first if nothing did yet (as {@code fit} does).
     *
     * @param training the value of KotlinDL's training flag in every run: true as in {@code fit} (dropout
     *                 active), false for a deterministic forward pass (as a trust region's ratio test and
     *                 finite-difference products need)
     */
    public static ModelGraph of(GraphTrainableModel model, boolean training) {
        KotlinDlInternals.TrainingGraph g = KotlinDlInternals.trainingGraphOf(model);
        if (!model.isModelInitialized()) {
            model.init();
        }
        float classes = Math.max(1, model.getNumberOfClasses());
        BatchFeeds feeds = (runner, batchSize) -> {
            Tensor<?> losses = Tensor.create(batchSize * classes);
            Tensor<?> flag = Tensor.create(training);
            runner.feed(g.numberOfLosses().asOutput(), losses).feed(g.training().asOutput(), flag);
            return List.of(losses, flag);
        };
        return new ModelGraph(g.tf(), KotlinDlInternals.sessionOf(model), List.of(g.features(), g.labels()), g.loss(),
                trainableVariables(model), feeds);
    }

    /**
     * A data set as the batch {@link #of} feeds: the features in the model's input shape and the labels
     * one-hot over the model's classes, as {@code fit} serializes them (raw for a single output).
     */
    public static Batch batchOf(GraphTrainableModel model, OnHeapDataset data) {
        float[][] x = data.getX();
        float[] y = data.getY();
        long[] inputShape = model.getInputDimensions();
        int rowSize = 1;
        for (long d : inputShape) {
            rowSize *= (int) d;
        }
        float[] features = new float[x.length * rowSize];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != rowSize) {
                throw new IllegalArgumentException("data: example " + i + " has " + x[i].length
                        + " features, the model's input takes " + rowSize);
            }
            System.arraycopy(x[i], 0, features, i * rowSize, rowSize);
        }
        int classes = (int) model.getNumberOfClasses();
        float[] labels;
        if (classes > 1) {
            labels = new float[y.length * classes];
            for (int i = 0; i < y.length; i++) {
                int label = (int) y[i];
                if (label != y[i] || label < 0 || label >= classes) {
                    throw new IllegalArgumentException("data: label " + i + " is " + y[i] + ", not a class in [0, "
                            + classes + ")");
                }
                labels[i * classes + label] = 1;
            }
        } else {
            labels = y.clone();
        }
        return new Batch(List.of(features, labels), List.of(inputShape, classes > 1 ? new long[] {classes} : new long[] {1}));
    }

    /** The variables of the layers that train, in layer order: what KotlinDL's own optimizers update. */
    static List<Variable<Float>> trainableVariables(GraphTrainableModel model) {
        List<Variable<Float>> out = new ArrayList<>();
        for (Layer layer : model.getLayers()) {
            if (layer instanceof TrainableLayer t && t.isTrainable()) {
                for (KVariable v : t.getVariables()) {
                    out.add(v.getVariable());
                }
            }
        }
        return out;
    }
}
