package org.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.arturo.kotlindl.KotlinDlOptimizer;
import org.arturo.telemetry.StepStats;
import org.arturo.telemetry.Telemetry;
import org.arturo.tf.noise.NoiseAwareConfig;
import org.arturo.tf.noise.NoiseAwareConfig.Method;
import org.arturo.tf.noise.NoiseAwareDiagnostics;
import org.arturo.tf.noise.NoiseAwareOptimizer;
import org.arturo.tf.schedule.Schedules;
import org.jetbrains.kotlinx.dl.api.core.Sequential;
import org.jetbrains.kotlinx.dl.api.core.activation.Activations;
import org.jetbrains.kotlinx.dl.api.core.history.TrainingHistory;
import org.jetbrains.kotlinx.dl.api.core.initializer.HeNormal;
import org.jetbrains.kotlinx.dl.api.core.initializer.HeUniform;
import org.jetbrains.kotlinx.dl.api.core.layer.Layer;
import org.jetbrains.kotlinx.dl.api.core.layer.core.Dense;
import org.jetbrains.kotlinx.dl.api.core.layer.core.Input;
import org.jetbrains.kotlinx.dl.api.core.layer.reshaping.Flatten;
import org.jetbrains.kotlinx.dl.api.core.loss.Losses;
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics;
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue;
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset;
import org.junit.jupiter.api.Test;

/** A noise-aware optimizer from Java: the core's builder, the adapter's builder, KotlinDL's fit. */
class NoiseAwareJavaTest {
    @Test
    void trainsWithAdamStarThroughTheJavaBuilders() {
        OnHeapDataset train = FashionMnist.train(1280);
        NoiseAwareConfig config = NoiseAwareConfig.builder(Method.ADAM_STAR)
                .learningRate(1e-3)
                .beta(0.9)
                .schedule(Schedules.multiStep(0.5, 20))
                .build();
        KotlinDlOptimizer optimizer = KotlinDlOptimizer.builder(new NoiseAwareOptimizer(config))
                .clipGradient(new ClipGradientByValue(5f))
                .build();
        assertEquals("Adam*", optimizer.getOptimizerName());

        List<StepStats> steps = new ArrayList<>();
        Telemetry telemetry = new Telemetry(optimizer).addStepListener(steps::add);
        try (Sequential model = Sequential.of(new Layer[] {
                new Input(new long[] {28, 28, 1}, "input"),
                new Flatten("flatten"),
                new Dense(32, Activations.Relu, new HeNormal(12L), new HeUniform(12L), null, null, null, true, "hidden"),
                new Dense(10, Activations.Linear, new HeNormal(12L), new HeUniform(12L), null, null, null, true, "logits"),
        }, false)) {
            model.compile(optimizer, Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, Metrics.ACCURACY);
            TrainingHistory history = model.fit(train, 2, 64, List.of(telemetry));
            double first = history.getEpochHistory().get(0).getLossValue();
            double last = history.getEpochHistory().get(1).getLossValue();
            assertTrue(last < first, "loss " + first + " -> " + last);
        }
        assertEquals(40, steps.size());
        assertEquals(1e-3, steps.get(19).getLearningRate(), 1e-10);
        assertEquals(5e-4, steps.get(20).getLearningRate(), 1e-10);
        double factor = steps.get(39).get(NoiseAwareDiagnostics.MEAN_FACTOR);
        assertTrue(factor > 0 && factor < 1, "mean factor " + factor);
    }
}
