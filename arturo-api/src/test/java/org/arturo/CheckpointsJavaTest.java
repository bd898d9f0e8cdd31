package org.arturo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.arturo.kotlindl.KotlinDlOptimizer;
import org.arturo.telemetry.Telemetry;
import org.arturo.tf.InvalidHyperparameterException;
import org.arturo.tf.arturo.ArturoConfig;
import org.arturo.tf.arturo.ArturoOptimizer;
import org.jetbrains.kotlinx.dl.api.core.Sequential;
import org.jetbrains.kotlinx.dl.api.core.history.TrainingHistory;
import org.jetbrains.kotlinx.dl.api.core.loss.Losses;
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics;
import org.jetbrains.kotlinx.dl.api.core.optimizer.ClipGradientByValue;
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, Telemetry.observe and clipping checks as a Java user calls them. */
class CheckpointsJavaTest {
    @TempDir
    Path dir;

    private static KotlinDlOptimizer arturo(double epsilon) {
        return new KotlinDlOptimizer(new ArturoOptimizer(ArturoConfig.builder().epsilon(epsilon).build()));
    }

    private static Sequential compiled(KotlinDlOptimizer optimizer) {
        Sequential model = TestModels.INSTANCE.mlp();
        model.compile(optimizer, Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, Metrics.ACCURACY);
        return model;
    }

    @Test
    void savesObservesAndResumesFromJava() throws Exception {
        OnHeapDataset train = FashionMnist.train(320);
        File checkpoints = dir.toFile();
        assertNull(Checkpoints.findCheckpoint(checkpoints));

        KotlinDlOptimizer optimizer = arturo(0.05);
        Telemetry telemetry = new Telemetry(optimizer);
        try (Sequential model = compiled(optimizer)) {
            TrainingHistory history = telemetry.observe(() -> model.fit(train, 1, 64, List.of(telemetry)));
            assertEquals(1, history.getEpochHistory().size());
            CheckpointInfo saved = Checkpoints.saveCheckpoint(model, checkpoints);
            assertEquals(5, saved.getStep());
            assertEquals("arTuRO", saved.getOptimizerName());
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> telemetry.observe(() -> {
                        throw new IllegalStateException("out of memory");
                    }));
            assertEquals("out of memory", failure.getMessage());
        }
        assertEquals(5, Checkpoints.findCheckpoint(checkpoints).getStep());

        try (Sequential model = compiled(arturo(0.05))) {
            CheckpointInfo loaded = Checkpoints.loadCheckpoint(model, checkpoints);
            assertTrue(loaded.getVerified());
            assertEquals(1, loaded.getVersion());
        }
        try (Sequential model = compiled(arturo(0.06))) {
            CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.loadCheckpoint(model, checkpoints));
            assertEquals(CheckpointProblem.DIFFERENT_HYPERPARAMETERS, e.getProblem());
        }
        try (Sequential model = compiled(arturo(0.06))) {
            assertNotNull(Checkpoints.loadCheckpoint(model, checkpoints, true));
        }
    }

    @Test
    void rejectsClippingItCannotApply() {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> KotlinDlOptimizer.builder(new ArturoOptimizer(ArturoConfig.defaults())).clipGradient(new ClipGradientByValue(-1f)));
        assertEquals("clipGradient", e.parameter());
    }
}
