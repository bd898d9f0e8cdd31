package org.arturo.tf.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.arturo.tf.GradientStreams;
import org.arturo.tf.GraphHarness;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.kernel.Kernel;
import org.arturo.tf.kernel.KernelChoice;
import org.arturo.tf.kernel.NativeKernel;
import org.junit.jupiter.api.Test;

/** How a configuration's kernel becomes the kernel that runs, and how a run says which one it is. */
class KernelSelectionTest {
    private static final List<long[]> SHAPES = List.of(new long[] {5});

    @Test
    void environmentTextParsesInAnyCaseAndRejectsOthersNamingTheVariable() {
        assertEquals(Kernel.NATIVE, Kernel.parse(Kernel.ENVIRONMENT, " Native "));
        assertEquals(Kernel.AUTO, Kernel.parse(Kernel.ENVIRONMENT, ""));
        assertEquals(Kernel.AUTO, Kernel.parse(Kernel.ENVIRONMENT, null));
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> Kernel.parse(Kernel.ENVIRONMENT, "fast"));
        assertTrue(e.getMessage().contains("ARTURO_KERNEL") && e.getMessage().contains("fast")
                && e.getMessage().contains("auto, native, graph"), e.getMessage());
    }

    @Test
    void nativeIsRefusedAtBuildForWhatOnlyTheGraphRuns() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> ArturoConfig.builder().solver(Solver.BISECTION).kernel(Kernel.NATIVE).build());
        assertTrue(e.getMessage().contains("kernel") && e.getMessage().contains("BISECTION"), e.getMessage());
        assertThrows(InvalidHyperparameterException.class, () -> ArturoConfig.builder()
                .measurementNoise(Surrogate.MeasurementNoise.ESTIMATED).kernel(Kernel.NATIVE).build());
        assertThrows(InvalidHyperparameterException.class, () -> ArturoConfig.builder()
                .surrogate(Surrogate.ADAM_MOMENTS).kernel(Kernel.NATIVE).build());
        // The kernel survives toBuilder and shows in the description.
        ArturoConfig graph = ArturoConfig.builder().kernel(Kernel.GRAPH).build();
        assertEquals(Kernel.GRAPH, graph.toBuilder().build().kernel());
        assertTrue(graph.toString().contains("kernel=GRAPH"), graph.toString());
    }

    @Test
    void autoFallsBackToTheGraphForUnsupportedConfigurationsAndSaysWhy() {
        KernelChoice choice = KernelChoice.of(Kernel.AUTO, false, NativeExactStep.SUPPORTED);
        assertEquals(Kernel.GRAPH, choice.kernel());
        assertTrue(choice.reason().contains("BISECTION") || choice.reason().contains("EXACT"), choice.reason());
        ArturoOptimizer bisection = new ArturoOptimizer(ArturoConfig.builder().solver(Solver.BISECTION).kernel(Kernel.AUTO).build());
        assertEquals(0, runOneStep(bisection), "nativeKernel diagnostic of a bisection step");
        assertEquals(Kernel.GRAPH, bisection.kernel().orElseThrow().kernel());
    }

    @Test
    void eachKernelReportsItselfInDiagnosticsAndOnTheOptimizer() {
        ArturoOptimizer graph = new ArturoOptimizer(ArturoConfig.builder().kernel(Kernel.GRAPH).build());
        assertTrue(graph.kernel().isEmpty(), "no kernel before the optimizer is built");
        assertEquals(0, runOneStep(graph));
        assertEquals(Kernel.GRAPH, graph.kernel().orElseThrow().kernel());

        assumeTrue(NativeKernel.shipped(), "this build has no native op");
        for (Kernel requested : new Kernel[] {Kernel.AUTO, Kernel.NATIVE}) {
            ArturoOptimizer fused = new ArturoOptimizer(ArturoConfig.builder().kernel(requested).build());
            assertEquals(1, runOneStep(fused), requested + ": nativeKernel diagnostic");
            KernelChoice choice = fused.kernel().orElseThrow();
            assertEquals(Kernel.NATIVE, choice.kernel());
            assertTrue(choice.reason().contains("loaded"), choice.reason());
        }
    }

    @Test
    void withoutTheNativeOpNativeFailsWithTheReasonAndAutoRunsTheGraph() {
        assumeTrue(!NativeKernel.load().loaded(), "the native op loads here");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelChoice.of(Kernel.NATIVE, true, NativeExactStep.SUPPORTED));
        assertTrue(e.getMessage().contains(NativeKernel.load().reason()), e.getMessage());
        assertEquals(Kernel.GRAPH, KernelChoice.of(Kernel.AUTO, true, NativeExactStep.SUPPORTED).kernel());
    }

    /** Builds and runs one step; the nativeKernel diagnostic read afterwards. */
    private static long runOneStep(ArturoOptimizer optimizer) {
        try (GraphHarness h = new GraphHarness(SHAPES, GradientStreams.randomValues(SHAPES, 1, 3))) {
            h.build(optimizer);
            h.step(GradientStreams.gaussian(SHAPES, 1, 1, 4).get(0));
            assertEquals(1, h.diagnostics().step(), "the step was applied");
            return h.diagnostics().count(ArturoDiagnostics.NATIVE_KERNEL);
        }
    }
}
