package org.arturo.samples.compare

import org.arturo.samples.TinyData
import org.arturo.tf.arturo.ArturoOptimizer
import org.arturo.tf.arturo.ArturoPreset
import org.arturo.tf.arturo.Surrogate
import org.arturo.tf.noise.NoiseAwareConfig
import org.arturo.tf.noise.NoiseAwareOptimizer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path

class CompareSmokeTest {
    @TempDir
    lateinit var out: Path

    private val keys = listOf("arturo-exact", "arturo-bisection", "sgd", "adam", "adamw")

    @Test
    fun `every optimizer trains on the same start and writes one CSV row per optimizer and epoch`() {
        val result = compare(TinyData.slice(640, 128), TinyData.plan(epochs = 2), keys, out, TinyData.quiet)
        val runs = result.runs

        assertEquals(listOf("arTuRO (exact)", "arTuRO (bisection)", "SGD-momentum", "Adam", "AdamW"), runs.map { it.optimizer })
        // Same seed: identical weights before training, so identical epoch-0 metrics.
        runs.forEach { assertEquals(runs[0].epochs[0].testLoss, it.epochs[0].testLoss, 1e-9, it.optimizer) }
        runs.forEach { run ->
            assertTrue(run.final.trainLoss < run.epochs[0].trainLoss, "${run.optimizer}: ${run.epochs.map { it.trainLoss }}")
        }
        // The compressed schedule: with 2 epochs the first milestone (60 of 120) is epoch 1, so the
        // baselines' learning rate drops ×0.1 between the epochs and arTuRO's ε ×0.006.
        val sgd = runs.first { it.optimizer == "SGD-momentum" }.epochs
        assertEquals(0.1, sgd[2].meanScalars.getValue("learningRate") / sgd[1].meanScalars.getValue("learningRate"), 1e-6)
        val arturo = runs[0].epochs
        assertEquals(0.006, arturo[2].meanScalars.getValue("epsilon") / arturo[1].meanScalars.getValue("epsilon"), 1e-6)

        val rows = Files.readAllLines(result.csv).drop(1)
        assertEquals(keys.size * 3, rows.size)
        assertEquals(runs.flatMap { r -> (0..2).map { "${r.optimizer},$it" } }, rows.map { it.split(",").take(2).joinToString(",") })
        val table = Files.readString(result.markdown)
        runs.forEach { assertTrue(table.contains("| ${it.optimizer} |"), table) }
        assertEquals(2 * 560 to 2 * 380, TinyData.pngSize(result.plot))
    }

    @Test
    fun `an unknown optimizer name is rejected with the valid names`() {
        val e = org.junit.jupiter.api.assertThrows<IllegalArgumentException> { PaperOptimizers(2, 10).select(listOf("adagrad")) }
        assertTrue(e.message!!.contains("adagrad") && e.message!!.contains("arturo-exact"), e.message)
    }

    @Test
    fun `the filter variants and the noise-aware methods are built as their keys say`() {
        val paper = PaperOptimizers(10, 236)
        fun kalman(key: String): Surrogate.Kalman =
            ((paper.select(listOf(key))[0].graphOptimizer() as ArturoOptimizer).config().surrogate() as Surrogate.Kalman)
        val fmnist = ArturoPreset.FASHION_MNIST_CNN
        assertEquals(Surrogate.MeasurementNoise.FIXED, kalman("arturo-exact").measurementNoise())
        assertEquals(Surrogate.MeasurementNoise.ESTIMATED, kalman("arturo-noise").measurementNoise())
        assertEquals(fmnist.r() * 100, kalman("arturo-noise-r100").r(), 1e-9)
        assertEquals(fmnist.r() * 0.01, kalman("arturo-r0.01").r(), 1e-12)
        assertEquals(fmnist.q(), kalman("arturo-r0.01").q(), 0.0)
        assertEquals(ArturoPreset.CIFAR10_CNN.q() / ArturoPreset.CIFAR10_CNN.r(), kalman("arturo-noise-cifar-filter").driftRatio(), 1e-12)
        val msvag = paper.select(listOf("m-svag"))[0].graphOptimizer() as NoiseAwareOptimizer
        assertEquals(NoiseAwareConfig.Method.M_SVAG, msvag.config().method())
        assertEquals(0.3, msvag.config().learningRate(), 0.0)
    }
}
