package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.arturo.tf.GradientStreams;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.kernel.Kernel;
import org.arturo.tf.kernel.NativeKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.op.core.Variable;

/**
 * Both kernels keep the same state under the same names, so a checkpoint saved on one resumes on the
 * other: the resumed run follows the run that never switched, within the kernels' agreement.
 */
class CrossKernelCheckpointTest {
    private static final List<long[]> SHAPES = List.of(new long[] {6, 4}, new long[] {4});
    private static final int BEFORE = 10;
    private static final int AFTER = 10;

    @ParameterizedTest(name = "saved on {0}")
    @EnumSource(value = Kernel.class, names = {"GRAPH", "NATIVE"})
    void aCheckpointSavedOnOneKernelResumesOnTheOther(Kernel saved) {
        assumeTrue(NativeKernel.shipped(), "this build has no native op");
        Kernel resumed = saved == Kernel.GRAPH ? Kernel.NATIVE : Kernel.GRAPH;
        List<double[]> initial = GradientStreams.randomValues(SHAPES, 0.5, 7);
        List<List<double[]>> gradients = GradientStreams.gaussian(SHAPES, BEFORE + AFTER, 1.0, 8);
        try (GraphHarness first = new GraphHarness(SHAPES, initial); GraphHarness second = new GraphHarness(SHAPES, initial)) {
            first.build(optimizer(saved));
            second.build(optimizer(resumed));
            List<String> names = names(first.checkpointVariables());
            assertEquals(names, names(second.checkpointVariables()), "the same variables under the same names");
            for (int t = 0; t < BEFORE; t++) {
                first.step(gradients.get(t));
            }
            second.assign(second.checkpointVariables(), first.read(first.checkpointVariables()));
            for (int t = BEFORE; t < BEFORE + AFTER; t++) {
                first.step(gradients.get(t));
                second.step(gradients.get(t));
            }
            assertEquals(BEFORE + AFTER, second.diagnostics().step(), "the step counter resumed");
            assertEquals(resumed == Kernel.NATIVE ? 1 : 0, second.diagnostics().count(ArturoDiagnostics.NATIVE_KERNEL));
            List<float[]> a = first.read(first.checkpointVariables());
            List<float[]> b = second.read(second.checkpointVariables());
            for (int i = 0; i < a.size(); i++) {
                for (int j = 0; j < a.get(i).length; j++) {
                    double x = a.get(i)[j];
                    double error = Math.abs(b.get(i)[j] - x) / Math.max(Math.abs(x), 1e-3);
                    assertTrue(error <= 1e-5, names.get(i) + "[" + j + "]: " + b.get(i)[j] + " resumed, " + x + " unswitched");
                }
            }
        }
    }

    private static ArturoOptimizer optimizer(Kernel kernel) {
        return new ArturoOptimizer(ArturoConfig.builder().epsilon(0.05).weightDecay(1e-3).kernel(kernel).build());
    }

    private static List<String> names(List<Variable<Float>> variables) {
        List<String> names = new ArrayList<>();
        variables.forEach(v -> names.add(v.op().name()));
        return names;
    }
}
