package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.GradientStreams;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.numerics.WeightedMoments;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;

/**
 * Replays a noise-estimate proposal file (golden-noise/FORMAT.md, {@code proposal-noise-estimate.json}):
 * the moving moments of the gradient in West's form ({@link WeightedMoments}) and the shrinkage of
 * arTuRO's estimated measurement noise ({@link MeasurementNoiseEstimate#shrink}, eq. N1), with the file's
 * fixed prior, prior weight ν0, β and absolute floor. At every step n_eff and r per element within 1e-4
 * relative. (In the optimizer the prior is the tensor's mean estimate, eq. N3; the file fixes it.)
 */
public final class NoiseEstimateReplay {
    private static final double TOLERANCE = 1e-4;

    private NoiseEstimateReplay() {
    }

    @SuppressWarnings("unchecked")
    public static void replay(JsonNode root, String name) {
        JsonNode config = root.path("config");
        double beta = require(config, "beta");
        double prior = require(config, "rPrior");
        double nu0 = require(config, "nu0");
        double floor = require(config, "rFloor");
        List<long[]> shapes = new ArrayList<>();
        List<double[]> zeros = new ArrayList<>();
        root.path("shapes").forEach(s -> {
            long[] shape = new long[s.size()];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = s.get(k).asLong();
            }
            shapes.add(shape);
            zeros.add(new double[(int) GradientStreams.size(shape)]);
        });
        JsonNode steps = root.path("steps");
        if (shapes.isEmpty() || !steps.isArray() || steps.isEmpty()) {
            fail(name + ": shapes and a non-empty steps are required");
        }
        try (GraphHarness h = new GraphHarness(shapes, zeros)) {
            Ops tf = h.tf;
            Variable<Float> step = h.state.createScalar(tf, "t", 0f);
            WeightedMoments moments = new WeightedMoments(tf, beta, step);
            List<Operand<Float>> estimates = new ArrayList<>();
            List<Operand<?>> writes = new ArrayList<>();
            List<Variable<Float>> state = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                Variable<Float> mean = h.state.createSlot(tf, h.parameters.get(i), "m", 0f);
                Variable<Float> spread = h.state.createSlot(tf, h.parameters.get(i), "s", 0f);
                state.add(mean);
                state.add(spread);
                Operand<Float> g = h.gradients.get(i);
                Operand<Float> newMean = moments.mean(tf, mean, g);
                Operand<Float> newSpread = moments.spread(tf, spread, mean, g);
                Operand<Float> r = tf.math.maximum(MeasurementNoiseEstimate.shrink(tf,
                        tf.math.mul(moments.deviationSumScale, newSpread), moments.effectiveSamples,
                        tf.constant((float) prior), (float) nu0), tf.constant((float) floor));
                estimates.add(r);
                writes.add(newMean);
                writes.add(newSpread);
                writes.add(r);
            }
            // The state advances only after every estimate of the step is computed.
            Ops after = tf.withControlDependencies(writes);
            List<Operand<?>> assigns = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                assigns.add(after.assign(state.get(2 * i), (Operand<Float>) writes.get(3 * i)));
                assigns.add(after.assign(state.get(2 * i + 1), (Operand<Float>) writes.get(3 * i + 1)));
            }
            assigns.add(after.assignAdd(step, tf.constant(1f)));
            h.session.runner().addTarget(h.state.initializer(tf).op()).run();

            for (int t = 0; t < steps.size(); t++) {
                JsonNode s = steps.get(t);
                Session.Runner runner = h.session.runner();
                List<Tensor<?>> fed = new ArrayList<>();
                try {
                    for (int i = 0; i < shapes.size(); i++) {
                        Tensor<Float> gt = Tensor.create(shapes.get(i), FloatBuffer.wrap(GraphHarness.toFloat(doubles(s.path("grads").get(i)))));
                        fed.add(gt);
                        runner.feed(h.gradients.get(i), gt);
                    }
                    estimates.forEach(runner::fetch);
                    runner.fetch(moments.effectiveSamples);
                    assigns.forEach(runner::addTarget);
                    List<Tensor<?>> out = runner.run();
                    fed.addAll(out);
                    String at = name + " step " + t;
                    check(at + " nEff", s.path("nEff").asDouble(Double.NaN), out.get(shapes.size()).floatValue());
                    for (int i = 0; i < shapes.size(); i++) {
                        double[] want = doubles(s.path("r").get(i));
                        FloatBuffer got = FloatBuffer.allocate(want.length);
                        out.get(i).expect(Float.class).writeTo(got);
                        for (int j = 0; j < want.length; j++) {
                            check(at + " tensor " + i + " element " + j + " r", want[j], got.get(j));
                        }
                    }
                } finally {
                    fed.forEach(Tensor::close);
                }
            }
        }
    }

    private static void check(String what, double want, double got) {
        if (!(Math.abs(got - want) <= TOLERANCE * Math.abs(want))) {
            fail(String.format("%s: got %s, want %s", what, got, want));
        }
    }

    private static double require(JsonNode config, String field) {
        if (!config.path(field).isNumber()) {
            fail("config." + field + " is missing or not a number");
        }
        return config.path(field).asDouble();
    }

    private static double[] doubles(JsonNode array) {
        if (array == null || !array.isArray()) {
            fail("a tensor is missing");
        }
        double[] values = new double[array.size()];
        for (int j = 0; j < values.length; j++) {
            values[j] = array.get(j).asDouble();
        }
        return values;
    }
}
