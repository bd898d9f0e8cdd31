package org.arturo.samples.java;

import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.arturo.samples.data.DataRequest;
import org.arturo.samples.data.FashionMnist;
import org.arturo.samples.data.FashionMnistLoader;
import org.arturo.samples.data.Split;
import org.arturo.tf.DiagnosticValues;
import org.arturo.tf.OptimizerUpdate;
import org.arturo.tf.arturo.ArturoConfig;
import org.arturo.tf.arturo.ArturoDiagnostics;
import org.arturo.tf.arturo.ArturoOptimizer;
import org.arturo.tf.arturo.ArturoPreset;
import org.arturo.tf.arturo.Solver;
import org.arturo.tf.schedule.Schedules;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;

// %% [markdown]
// # Sample 3: arTuRO from plain Java on a raw TensorFlow 1.15 graph
//
// No KotlinDL here: a Java program builds a small multilayer perceptron (784 → 128 ReLU → 10) as
// TensorFlow ops, asks `ArturoOptimizer.minimize` for the training op, and drives the session itself.
// This is all an existing TF-Java 1.15 code base needs to adopt arTuRO.
//
// Run it with `java -jar samples/target/arturo-samples.jar java-graph [--epochs 5] [--data DIR]`.

/** Sample 3: a Java user training a raw TF 1.15 graph with arTuRO. */
public final class JavaRawGraphSample {
    private static final int PIXELS = FashionMnist.IMAGE_SIZE * FashionMnist.IMAGE_SIZE;
    private static final int HIDDEN = 128;

    /** Loss and accuracy over a whole split, computed without updating anything. */
    public record Evaluation(double loss, double accuracy) {
    }

    /** What one epoch did: mean minibatch loss, test metrics and the optimizer's last diagnostics. */
    public record Epoch(int epoch, double meanBatchLoss, Evaluation test, DiagnosticValues diagnostics,
                        double meanSolverPasses, int maxSolverPasses) {
    }

    /** Everything the run measured, so callers (and the smoke test) can check it. */
    public record Result(Evaluation initialTrain, Evaluation finalTrain, Evaluation finalTest, List<Epoch> epochs,
                         long parameterCount, List<Integer> solverPassesPerStep) {
    }

    private JavaRawGraphSample() {
    }

    public static void main(String[] args) {
        FashionMnist data = FashionMnistLoader.find(DataRequest.auto());
        run(data, 5, 255, 42, Solver.EXACT, System.out);
    }

    public static Result run(FashionMnist data, int epochs, int batchSize, long seed, Solver solver, PrintStream out) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        out.println("Data: " + data);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);

            // %% [markdown]
            // ## The model: placeholders, variables with their initial values, logits and loss
            Placeholder<Float> images = tf.withName("images").placeholder(Float.class,
                    Placeholder.shape(Shape.make(-1, PIXELS)));
            Placeholder<Integer> labels = tf.withName("labels").placeholder(Integer.class,
                    Placeholder.shape(Shape.make(-1)));
            List<Variable<Float>> parameters = new ArrayList<>();
            List<Operand<?>> initializers = new ArrayList<>();
            Variable<Float> w1 = parameter(tf, "w1", new long[] {PIXELS, HIDDEN}, PIXELS, seed, parameters, initializers);
            Variable<Float> b1 = parameter(tf, "b1", new long[] {HIDDEN}, PIXELS, seed + 1, parameters, initializers);
            Variable<Float> w2 = parameter(tf, "w2", new long[] {HIDDEN, 10}, HIDDEN, seed + 2, parameters, initializers);
            Variable<Float> b2 = parameter(tf, "b2", new long[] {10}, HIDDEN, seed + 3, parameters, initializers);

            Operand<Float> hidden = tf.nn.relu(tf.math.add(tf.linalg.matMul(images, w1), b1));
            Operand<Float> logits = tf.math.add(tf.linalg.matMul(hidden, w2), b2);
            // TF 1.15's C++ gradient registry has the dense softmax cross-entropy, not the sparse one.
            Operand<Float> oneHot = tf.oneHot(labels, tf.constant(10), tf.constant(1f), tf.constant(0f));
            Operand<Float> loss = tf.withName("loss").math.mean(
                    tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
            Operand<Float> accuracy = tf.math.mean(tf.dtypes.cast(tf.math.equal(
                    tf.math.argMax(logits, tf.constant(1), Integer.class), labels), Float.class), tf.constant(0));

            // %% [markdown]
            // ## The optimizer
            // The paper's tuned Fashion-MNIST values (Table 2) and its schedule (ε × 0.006 after 50% and
            // 75% of training), compressed to the epochs of this run. `minimize` differentiates the
            // loss and returns one training op plus readable diagnostics.
            int stepsPerEpoch = (data.getTrain().getSize() + batchSize - 1) / batchSize;
            ArturoConfig config = ArturoPreset.FASHION_MNIST_CNN.builder()
                    .solver(solver)
                    .schedule(epochs >= 2
                            ? ArturoPreset.FASHION_MNIST_CNN.paperSchedule(epochs, stepsPerEpoch)
                            : Schedules.constant())
                    .build();
            OptimizerUpdate update = new ArturoOptimizer(config).minimize(tf, loss, parameters);

            // %%
            Session.Runner init = session.runner();
            initializers.forEach(init::addTarget);
            init.addTarget(update.initializer()).run();
            long parameterCount = parameters.stream().mapToLong(p -> elements(p.asOutput().shape())).sum();
            out.printf("MLP with %,d parameters, arTuRO (%s solver), %d epochs of %d steps%n",
                    parameterCount, solver.name(), epochs, stepsPerEpoch);

            // %% [markdown]
            // ## Training: one `Session.run` of the train op per minibatch, data reshuffled each epoch
            Evaluation initialTrain = evaluate(session, images, labels, loss, accuracy, data.getTrain());
            out.printf("before training: train loss %.4f, accuracy %.4f%n", initialTrain.loss(), initialTrain.accuracy());
            List<Epoch> history = new ArrayList<>();
            List<Integer> allPasses = new ArrayList<>();
            Random random = new Random(seed);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                int[] order = permutation(data.getTrain().getSize(), random);
                double lossSum = 0;
                int batches = 0;
                long passSum = 0;
                int passMax = 0;
                for (int start = 0; start < order.length; start += batchSize) {
                    int end = Math.min(order.length, start + batchSize);
                    try (Tensor<Float> x = imageTensor(data.getTrain(), order, start, end);
                         Tensor<Integer> y = labelTensor(data.getTrain(), order, start, end);
                         Tensor<?> batchLoss = session.runner().feed(images, x).feed(labels, y)
                                 .addTarget(update.trainOp()).fetch(loss).run().get(0)) {
                        lossSum += batchLoss.floatValue();
                    }
                    // The diagnostics are variables the step just wrote: read them in a run of their own.
                    int passes = (int) update.diagnostics().read(session).count(ArturoDiagnostics.SOLVER_ITERATIONS);
                    allPasses.add(passes);
                    passSum += passes;
                    passMax = Math.max(passMax, passes);
                    batches++;
                }
                DiagnosticValues d = update.diagnostics().read(session);
                Evaluation test = evaluate(session, images, labels, loss, accuracy, data.getTest());
                Epoch e = new Epoch(epoch, lossSum / batches, test, d, (double) passSum / batches, passMax);
                history.add(e);
                out.printf("epoch %d: mean batch loss %.4f | test loss %.4f, accuracy %.4f | η %.4g, ε_t %.4g, "
                                + "solver passes mean %.2f max %d, skipped steps %d%n",
                        epoch, e.meanBatchLoss(), test.loss(), test.accuracy(),
                        d.get(ArturoDiagnostics.ETA), d.get(ArturoDiagnostics.EPSILON),
                        e.meanSolverPasses(), e.maxSolverPasses(), d.skippedSteps());
            }

            // %%
            Evaluation finalTrain = evaluate(session, images, labels, loss, accuracy, data.getTrain());
            Evaluation finalTest = history.get(history.size() - 1).test();
            out.printf("after training: train loss %.4f, accuracy %.4f; test accuracy %.4f%n",
                    finalTrain.loss(), finalTrain.accuracy(), finalTest.accuracy());
            return new Result(initialTrain, finalTrain, finalTest, history, parameterCount, List.copyOf(allPasses));
        }
    }

    /** A variable drawn from U(−1/√fanIn, 1/√fanIn), PyTorch's default for linear layers. */
    private static Variable<Float> parameter(Ops tf, String name, long[] shape, int fanIn, long seed,
                                             List<Variable<Float>> parameters, List<Operand<?>> initializers) {
        Variable<Float> v = tf.withName(name).variable(Shape.make(shape[0], tail(shape)), Float.class);
        float bound = (float) (1 / Math.sqrt(fanIn));
        Operand<Float> uniform = tf.random.randomUniform(tf.constant(shape), Float.class,
                RandomUniform.seed(seed), RandomUniform.seed2(seed + 17));
        initializers.add(tf.assign(v, tf.math.sub(tf.math.mul(uniform, tf.constant(2 * bound)), tf.constant(bound))));
        parameters.add(v);
        return v;
    }

    private static long elements(Shape shape) {
        long n = 1;
        for (int i = 0; i < shape.numDimensions(); i++) {
            n *= shape.size(i);
        }
        return n;
    }

    private static long[] tail(long[] shape) {
        return java.util.Arrays.copyOfRange(shape, 1, shape.length);
    }

    private static Evaluation evaluate(Session session, Placeholder<Float> images, Placeholder<Integer> labels,
                                       Operand<Float> loss, Operand<Float> accuracy, Split split) {
        int[] order = permutation(split.getSize(), null);
        double lossSum = 0;
        double correct = 0;
        for (int start = 0; start < order.length; start += 1000) {
            int end = Math.min(order.length, start + 1000);
            try (Tensor<Float> x = imageTensor(split, order, start, end);
                 Tensor<Integer> y = labelTensor(split, order, start, end)) {
                List<Tensor<?>> out = session.runner().feed(images, x).feed(labels, y).fetch(loss).fetch(accuracy).run();
                try {
                    lossSum += out.get(0).floatValue() * (end - start);
                    correct += out.get(1).floatValue() * (end - start);
                } finally {
                    out.forEach(Tensor::close);
                }
            }
        }
        return new Evaluation(lossSum / order.length, correct / order.length);
    }

    /** 0..n−1, shuffled by {@code random} (Fisher–Yates) or in order when it is null. */
    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (random != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    private static Tensor<Float> imageTensor(Split split, int[] order, int start, int end) {
        FloatBuffer buffer = FloatBuffer.allocate((end - start) * PIXELS);
        for (int i = start; i < end; i++) {
            buffer.put(split.getImages()[order[i]]);
        }
        buffer.flip();
        return Tensor.create(new long[] {end - start, PIXELS}, buffer);
    }

    private static Tensor<Integer> labelTensor(Split split, int[] order, int start, int end) {
        IntBuffer buffer = IntBuffer.allocate(end - start);
        for (int i = start; i < end; i++) {
            buffer.put((int) split.getLabels()[order[i]]);
        }
        buffer.flip();
        return Tensor.create(new long[] {end - start}, buffer);
    }
}
