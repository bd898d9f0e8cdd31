package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.arturo.tf.GradientStreams;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.SoftmaxRegression;
import org.arturo.tf.graph.OutlierGuard;
import org.arturo.tf.kernel.HelperPlacement;
import org.arturo.tf.kernel.Kernel;
import org.arturo.tf.kernel.NativeKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Operand;
import org.tensorflow.framework.ConfigProto;
import org.tensorflow.framework.GraphOptions;
import org.tensorflow.framework.RewriterConfig;

/**
 * The native kernel against the graph kernel (the reference) from the same parameters, step by step:
 * closed loops (each kernel's gradient at its own parameters) and teacher-forced gradients. Runs wherever the build shipped the op (g++ present).
 */
class NativeKernelTest {
    private static final int STEPS = 200;

    /**
     * A noisy diagonal quadratic, ½ Σ d·(θ − θ*)², each kernel's gradient taken at its own θ with the
     * same noise: the optimizer's own trajectories. η runs into the thousands near the optimum, where a
     * one-ulp difference in C would move it far (docs/native-kernel.md, "Agreement"); with both
     * kernels' sums added in double, parameters, their state and η stay within 1e-6 over all 200 steps.
     */
    @Test
    void closedLoopOnANoisyQuadraticAgreesWithin1e6For200Steps() {
        assumeTrue(NativeKernel.shipped(), "this build has no native op (no g++ when it was built)");
        List<long[]> shapes = List.of(new long[] {300}, new long[] {4, 5});
        // Drawn in this order from one generator: θ0, then d and θ* per element, then the noise per step.
        Random random = new Random(11);
        List<double[]> initial = new ArrayList<>();
        for (long[] shape : shapes) {
            initial.add(gaussians(random, GradientStreams.size(shape), 1.0));
        }
        List<double[]> curvature = new ArrayList<>();
        List<double[]> optimum = new ArrayList<>();
        for (double[] x : initial) {
            double[] d = new double[x.length];
            double[] o = new double[x.length];
            for (int j = 0; j < d.length; j++) {
                d[j] = 0.5 + 1.5 * random.nextDouble();
                o[j] = random.nextGaussian();
            }
            curvature.add(d);
            optimum.add(o);
        }
        List<List<double[]>> noise = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            List<double[]> atStep = new ArrayList<>();
            for (double[] x : initial) {
                atStep.add(gaussians(random, x.length, 0.05));
            }
            noise.add(atStep);
        }
        ClosedLoop loop = new ClosedLoop(shapes, initial, (step, theta) -> {
            List<double[]> grads = new ArrayList<>();
            for (int i = 0; i < theta.size(); i++) {
                double[] g = new double[theta.get(i).length];
                for (int j = 0; j < g.length; j++) {
                    g[j] = curvature.get(i)[j] * (theta.get(i)[j] - optimum.get(i)[j]) + noise.get(step).get(i)[j];
                }
                grads.add(g);
            }
            return grads;
        });
        loop.assertAgreement("noisy quadratic");
    }

    /**
     * Softmax regression (10 classes, 32 features) on minibatches of 32 from a fixed Gaussian mixture,
     * each kernel's gradient at its own parameters: a model's training, where η stays below 1 and no
     * λ + η is small against η. Parameters, their state and η within 1e-6 over all 200 steps (measured
     * figures in docs/native-kernel.md, "Agreement").
     */
    @Test
    void closedLoopOnSoftmaxRegressionAgreesWithin1e6For200Steps() {
        assumeTrue(NativeKernel.shipped(), "this build has no native op (no g++ when it was built)");
        SoftmaxRegression model = new SoftmaxRegression(10, 32, 2048, 3);
        List<double[]> initial = GradientStreams.randomValues(model.shapes(), 0.01, 4);
        ClosedLoop loop = new ClosedLoop(model.shapes(), initial, (step, theta) -> model.gradient(theta, step, 32));
        loop.assertAgreement("softmax regression");
    }

    /**
     * The same gradients for both kernels (teacher-forced), so that only the optimizer's own state can
     * carry a difference on: within 1e-6 over all 200 steps (measured figures in docs/native-kernel.md,
     * "Agreement").
     */
    @Test
    void teacherForcedTrajectoriesAgreeWithin1e6For200Steps() {
        assumeTrue(NativeKernel.shipped(), "this build has no native op (no g++ when it was built)");
        List<long[]> shapes = List.of(new long[] {300}, new long[] {4, 5});
        List<double[]> initial = GradientStreams.randomValues(shapes, 1.0, 5);
        List<List<double[]>> gradients = GradientStreams.gaussian(shapes, STEPS, 1.0, 6);
        double[] differences = differencesFromTheGraph(shapes, initial, gradients, ArturoConfig.builder());
        double worst = 0;
        for (double d : differences) {
            worst = Math.max(worst, d);
        }
        System.out.printf("teacher-forced, %d steps: worst relative difference %.2e%n", STEPS, worst);
        assertTrue(worst <= 1e-6, "worst relative difference of parameters and state over " + STEPS + " steps: " + worst);
    }

    /**
     * The core performs the graph's float32 operations in the graph's order, and the graph keeps its
     * arithmetic as written whatever TF's graph optimizer is allowed ({@code AsWritten}): in a session
     * with TF's default rewrites, with its arithmetic optimizer off and with its constant folding off, the
     * two kernels agree bit for bit over 200 teacher-forced steps (docs/native-kernel.md, "Agreement").
     */
    @ParameterizedTest
    @ValueSource(strings = {"defaults", "arithmetic optimizer off", "constant folding off"})
    void theKernelsAgreeBitForBitUnderEveryRewriteSetting(String setting) {
        assumeTrue(NativeKernel.shipped(), "this build has no native op (no g++ when it was built)");
        RewriterConfig.Builder rewrites = RewriterConfig.newBuilder();
        if (setting.startsWith("arithmetic")) {
            rewrites.setArithmeticOptimization(RewriterConfig.Toggle.OFF);
        } else if (setting.startsWith("constant")) {
            rewrites.setConstantFolding(RewriterConfig.Toggle.OFF);
        }
        byte[] session = ConfigProto.newBuilder()
                .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrites)).build().toByteArray();
        List<long[]> shapes = List.of(new long[] {300}, new long[] {4, 5});
        List<double[]> initial = GradientStreams.randomValues(shapes, 1.0, 5);
        List<List<double[]>> gradients = GradientStreams.gaussian(shapes, STEPS, 1.0, 6);
        double[] differences = differencesFromTheGraph(shapes, initial, gradients, ArturoConfig.builder(), session);
        for (int s = 0; s < differences.length; s++) {
            assertEquals(0.0, differences[s], setting + ", step " + s + ": parameters or state differ");
        }
    }

    /**
     * Tensors of many of the core's chunks, more than the 65,536 elements from which the op shares
     * them between the calling thread and a helper on TF's intra-op pool: the optimizer on each kernel,
     * fed the same gradients, is within 1e-6 after 10 steps, wherever the helper works.
     */
    @ParameterizedTest
    @EnumSource(HelperPlacement.class)
    void aStepSpreadOverThreadsMatchesTheGraph(HelperPlacement placement) {
        assumeTrue(NativeKernel.shipped(), "this build has no native op (no g++ when it was built)");
        java.util.List<long[]> shapes = List.of(new long[] {1000, 800}, new long[] {50000});
        List<double[]> initial = GradientStreams.randomValues(shapes, 0.5, 21);
        List<List<double[]>> gradients = GradientStreams.gaussian(shapes, 10, 1.0, 22);
        double[] differences = differencesFromTheGraph(shapes, initial, gradients,
                ArturoConfig.builder().helperPlacement(placement));
        double worst = differences[differences.length - 1];
        assertTrue(worst <= 1e-6, placement + ": worst relative difference of parameters and state after 10 steps: " + worst);
    }

    /**
     * The outlier guard's bound, S·factor = exp(log S + log(factor)) in float32 (docs/algorithm.md,
     * "Outlier guard"), is formed in the graph, and both kernels compare max|g| + 1e-30 with it as
     * floats: a max|g| exactly at the bound is applied, the next float above it is an outlier, on either
     * kernel. (When the native op took its own logarithm, its verdict near the bound could differ from
     * the graph's TF Log.)
     */
    @ParameterizedTest
    @EnumSource(value = Kernel.class, names = {"GRAPH", "NATIVE"})
    void aGradientAtTheOutlierBoundIsAppliedAndTheNextFloatAboveIsNot(Kernel kernel) {
        if (kernel == Kernel.NATIVE) {
            assumeTrue(NativeKernel.shipped(), "this build has no native op (no g++ when it was built)");
        }
        List<long[]> shapes = List.of(new long[] {3, 2}, new long[] {2});
        List<double[]> initial = GradientStreams.randomValues(shapes, 0.5, 31);
        List<double[]> first = List.of(new double[] {0.1, -0.3, 0.2, 0.05, -0.1, 0.15}, new double[] {0.2, -0.25});
        for (boolean aboveTheBound : new boolean[] {false, true}) {
            try (GraphHarness h = new GraphHarness(shapes, initial)) {
                ArturoOptimizer optimizer = new ArturoOptimizer(ArturoConfig.builder().kernel(kernel).build());
                h.build(optimizer);
                h.step(first);
                Operand<Float> logScale = h.stateVariable("/" + optimizer.stateName() + "_gradient_scale");
                float bound = (float) h.scalar(h.tf.math.exp(h.tf.math.add(logScale,
                        h.tf.constant((float) Math.log(OutlierGuard.DEFAULT_FACTOR)))));
                float largest = aboveTheBound ? Math.nextUp(bound) : bound;
                h.step(List.of(new double[] {0.1, -0.3, largest, 0.05, -0.1, 0.15}, new double[] {0.2, -0.25}));
                String what = kernel + ", max|g| " + (aboveTheBound ? "one float above" : "at") + " the bound " + bound;
                assertEquals(aboveTheBound ? 1 : 0, h.diagnostics().outlierSteps(), what + ": outlier steps");
                assertEquals(aboveTheBound ? 1 : 2, h.diagnostics().step(), what + ": applied steps");
            }
        }
    }

    /**
     * The optimizer on the native kernel against the graph kernel from the same {@code initial}
     * parameters, both fed {@code gradients}: after each step, the relative difference (‖Δ‖∞/‖x‖∞, the
     * worse of parameters and optimizer state).
     */
    private static double[] differencesFromTheGraph(List<long[]> shapes, List<double[]> initial,
                                                    List<List<double[]>> gradients, ArturoConfig.Builder config) {
        return differencesFromTheGraph(shapes, initial, gradients, config, null);
    }

    private static double[] differencesFromTheGraph(List<long[]> shapes, List<double[]> initial,
                                                    List<List<double[]>> gradients, ArturoConfig.Builder config,
                                                    byte[] sessionConfig) {
        try (GraphHarness graph = new GraphHarness(shapes, initial, sessionConfig);
             GraphHarness fused = new GraphHarness(shapes, initial, sessionConfig)) {
            graph.build(new ArturoOptimizer(config.kernel(Kernel.GRAPH).build()));
            fused.build(new ArturoOptimizer(config.kernel(Kernel.NATIVE).build()));
            double[] differences = new double[gradients.size()];
            for (int s = 0; s < differences.length; s++) {
                graph.step(gradients.get(s));
                fused.step(gradients.get(s));
                differences[s] = Math.max(scaleRelative(fused.parameters(), graph.parameters()),
                        scaleRelative(fused.optimizerState(), graph.optimizerState()));
            }
            return differences;
        }
    }

    /** Each kernel's gradient at its own parameters: {@code at(step, θ)}, θ the float32 values widened. */
    private interface GradientAt {
        List<double[]> at(int step, List<double[]> theta);
    }

    /**
     * The optimizer on both kernels from the same parameters, each fed the gradient at its own θ, for
     * {@link #STEPS} steps. After each: the relative differences (‖Δ‖∞/‖x‖∞) of the parameters and of
     * their state (prec and the filter), and |Δη|/max(1, |η|), η's difference on the scale of the λ it
     * is added to.
     */
    private static final class ClosedLoop {
        final double[][] differences = new double[3][STEPS];
        final double[] appliedSteps = new double[2];

        ClosedLoop(List<long[]> shapes, List<double[]> initial, GradientAt gradient) {
            try (GraphHarness graph = new GraphHarness(shapes, initial); GraphHarness fused = new GraphHarness(shapes, initial)) {
                graph.build(new ArturoOptimizer(ArturoConfig.builder().kernel(Kernel.GRAPH).build()));
                fused.build(new ArturoOptimizer(ArturoConfig.builder().kernel(Kernel.NATIVE).build()));
                for (int s = 0; s < STEPS; s++) {
                    graph.step(gradient.at(s, List.of(graph.parameterValues())));
                    fused.step(gradient.at(s, List.of(fused.parameterValues())));
                    differences[0][s] = scaleRelative(fused.parameters(), graph.parameters());
                    differences[1][s] = scaleRelative(fused.slotState(), graph.slotState());
                    double graphEta = graph.scalar(graph.stateVariable("arturo_eta"));
                    differences[2][s] = Math.abs(fused.scalar(fused.stateVariable("arturo_eta")) - graphEta)
                            / Math.max(1, Math.abs(graphEta));
                }
                appliedSteps[0] = graph.scalar(graph.stateVariable("arturo_step"));
                appliedSteps[1] = fused.scalar(fused.stateVariable("arturo_step"));
            }
        }

        /** Every step applied on both; parameters, their state and η within 1e-6 over all steps. */
        void assertAgreement(String problem) {
            assertEquals(STEPS, appliedSteps[0], problem + ": steps applied on the graph");
            assertEquals(STEPS, appliedSteps[1], problem + ": steps applied on the native kernel");
            double[] worst = new double[3];
            for (int k = 0; k < 3; k++) {
                for (int s = 0; s < STEPS; s++) {
                    worst[k] = Math.max(worst[k], differences[k][s]);
                }
            }
            System.out.printf("%s, closed loop, worst differences (parameters, their state, η) over %d steps: %.2e %.2e %.2e%n",
                    problem, STEPS, worst[0], worst[1], worst[2]);
            for (int k = 0; k < 3; k++) {
                String what = problem + ": worst difference of " + List.of("the parameters", "their state", "η").get(k);
                assertTrue(worst[k] <= 1e-6, what + " over " + STEPS + " steps: " + worst[k]);
            }
        }
    }

    private static double[] gaussians(Random random, int n, double scale) {
        double[] values = new double[n];
        for (int j = 0; j < n; j++) {
            values[j] = scale * random.nextGaussian();
        }
        return values;
    }

    private static double scaleRelative(List<float[]> actual, List<float[]> reference) {
        double worst = 0;
        for (int i = 0; i < actual.size(); i++) {
            double diff = 0;
            double scale = 0;
            for (int j = 0; j < actual.get(i).length; j++) {
                diff = Math.max(diff, Math.abs((double) actual.get(i)[j] - reference.get(i)[j]));
                scale = Math.max(scale, Math.abs(reference.get(i)[j]));
            }
            worst = Math.max(worst, Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / Math.max(scale, 1e-30));
        }
        return worst;
    }
}
