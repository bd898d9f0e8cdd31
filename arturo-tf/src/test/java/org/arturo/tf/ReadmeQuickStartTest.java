package org.arturo.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.arturo.tf.arturo.ArturoConfig;
import org.arturo.tf.arturo.ArturoDiagnostics;
import org.arturo.tf.arturo.ArturoOptimizer;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Shape;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;

/**
 * The README's Java quick start, verbatim between the markers: it must compile, train (loss falls
 * 10×), and stay identical to the README's code block.
 */
class ReadmeQuickStartTest {

    static float[] quickStart(float[][] features, float[][] targets) {
        // README:begin
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<Float> x = tf.placeholder(Float.class, Placeholder.shape(Shape.make(-1, 3)));
            Placeholder<Float> y = tf.placeholder(Float.class, Placeholder.shape(Shape.make(-1, 1)));
            Variable<Float> w = tf.variable(Shape.make(3, 1), Float.class);
            Operand<Float> loss = tf.math.mean(
                    tf.math.squaredDifference(tf.linalg.matMul(x, w), y), tf.constant(new int[] {0, 1}));

            // The arTuRO update for this loss: gradients, state and the dual solve, all in the graph.
            OptimizerUpdate update = new ArturoOptimizer(ArturoConfig.builder().epsilon(0.05).build())
                    .minimize(tf, loss, List.of(w));
            session.runner()
                    .addTarget(tf.assign(w, tf.zeros(tf.constant(new long[] {3, 1}), Float.class)))
                    .addTarget(update.initializer())
                    .run();

            float[] losses = new float[2];
            try (Tensor<Float> xs = Tensor.create(features, Float.class);
                 Tensor<Float> ys = Tensor.create(targets, Float.class)) {
                for (int step = 0; step < 100; step++) {
                    List<Tensor<?>> out = session.runner().feed(x, xs).feed(y, ys)
                            .addTarget(update.trainOp()).fetch(loss).run();
                    float value = out.get(0).floatValue();
                    out.forEach(Tensor::close);
                    losses[step == 0 ? 0 : 1] = value;
                }
            }
            DiagnosticValues d = update.diagnostics().read(session);
            System.out.printf("loss %.4f -> %.4f, eta %.3g, KL/eps %.3f, solver passes %d%n",
                    losses[0], losses[1], d.get(ArturoDiagnostics.ETA), d.get(ArturoDiagnostics.KL_RATIO),
                    d.count(ArturoDiagnostics.SOLVER_ITERATIONS));
            return losses;
        }
        // README:end
    }

    @Test
    void trainsAndMatchesTheReadme() throws IOException {
        Random random = new Random(3);
        float[][] features = new float[256][3];
        float[][] targets = new float[256][1];
        for (int i = 0; i < 256; i++) {
            for (int j = 0; j < 3; j++) {
                features[i][j] = (float) random.nextGaussian();
            }
            targets[i][0] = 2 * features[i][0] - features[i][1] + 0.5f * features[i][2]
                    + 0.05f * (float) random.nextGaussian();
        }
        float[] losses = quickStart(features, targets);
        assertTrue(losses[1] < losses[0] / 10, "loss must fall 10×: " + losses[0] + " → " + losses[1]);

        List<String> source = Files.readAllLines(Paths.get("src/test/java/org/arturo/tf/ReadmeQuickStartTest.java"));
        String snippet = source.subList(indexOf(source, "// README:begin") + 1, indexOf(source, "// README:end"))
                .stream().map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).collect(Collectors.joining("\n"));
        Path readme = Paths.get("..", "README.md");
        String text = Files.readString(readme);
        assertTrue(text.contains(snippet), "README.md must contain the quick start exactly as in this test:\n" + snippet);
        assertEquals(-1, snippet.indexOf('\t'));
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker " + marker + " missing");
    }
}
