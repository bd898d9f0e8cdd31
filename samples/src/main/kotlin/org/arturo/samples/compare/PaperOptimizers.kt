package org.arturo.samples.compare

import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.tf.arturo.ArturoConfig
import org.arturo.tf.arturo.ArturoOptimizer
import org.arturo.tf.arturo.ArturoPreset
import org.arturo.tf.GraphOptimizer
import org.arturo.tf.arturo.Solver
import org.arturo.tf.baselines.AdamOptimizer
import org.arturo.tf.baselines.AdamPreset
import org.arturo.tf.baselines.AdamWPreset
import org.arturo.tf.baselines.SgdOptimizer
import org.arturo.tf.baselines.SgdPreset
import org.arturo.tf.arturo.Surrogate
import org.arturo.tf.noise.NoiseAwareConfig
import org.arturo.tf.noise.NoiseAwareConfig.Method
import org.arturo.tf.noise.NoiseAwareOptimizer
import org.arturo.tf.schedule.Schedule
import org.arturo.tf.schedule.Schedules

/**
 * The paper's Fashion-MNIST CNN contestants with their tuned hyperparameters (Tables 2–5), each
 * with the paper's multi-step schedule compressed to [epochs]: the milestones fall at the same
 * fractions of training (60 and 90 of 120 epochs) for all of them.
 */
class PaperOptimizers(private val epochs: Int, private val stepsPerEpoch: Long) {
    /** A contestant: a display name and a fresh KotlinDL optimizer per model. */
    class Entry(val key: String, val name: String, val graphOptimizer: () -> GraphOptimizer) {
        fun kotlinDl(): KotlinDlOptimizer = KotlinDlOptimizer(graphOptimizer())
    }

    /** arTuRO's tuned Fashion-MNIST configuration with the compressed ε schedule. */
    fun arturoConfig(solver: Solver = Solver.EXACT): ArturoConfig {
        val preset = ArturoPreset.FASHION_MNIST_CNN
        return preset.builder().solver(solver).schedule(compressed { preset.paperSchedule(epochs.toLong(), stepsPerEpoch) }).build()
    }

    /** The paper's schedule needs two epochs to place its milestones; a one-epoch run keeps the step size constant. */
    private fun compressed(paperSchedule: () -> Schedule): Schedule = if (epochs >= 2) paperSchedule() else Schedules.constant()

    val arturoExact = Entry("arturo-exact", "arTuRO (exact)") { ArturoOptimizer(arturoConfig(Solver.EXACT)) }
    val arturoBisection = Entry("arturo-bisection", "arTuRO (bisection)") { ArturoOptimizer(arturoConfig(Solver.BISECTION)) }
    val sgd = Entry("sgd", "SGD-momentum") {
        val p = SgdPreset.FASHION_MNIST_CNN
        SgdOptimizer(p.builder().schedule(compressed { p.paperSchedule(epochs.toLong(), stepsPerEpoch) }).build())
    }
    val adam = Entry("adam", "Adam") {
        val p = AdamPreset.FASHION_MNIST_CNN
        AdamOptimizer(p.builder().schedule(compressed { p.paperSchedule(epochs.toLong(), stepsPerEpoch) }).build())
    }
    val adamW = Entry("adamw", "AdamW") {
        val p = AdamWPreset.FASHION_MNIST_CNN
        AdamOptimizer(p.builder().schedule(compressed { p.paperSchedule(epochs.toLong(), stepsPerEpoch) }).build())
    }

    /**
     * arTuRO's filter variants (docs/benchmarks.md, "Noise-aware arTuRO"): the tuned r or the estimated
     * measurement noise, with r as tuned, mis-set ×0.01 and ×100 (q and P0 as tuned), or with the
     * CIFAR-10 CNN preset's q and r.
     */
    private fun arturoFilter(key: String, name: String, noise: Surrogate.MeasurementNoise, rFactor: Double = 1.0,
                             filter: ArturoPreset = ArturoPreset.FASHION_MNIST_CNN) = Entry(key, name) {
        val tuned = arturoConfig(Solver.EXACT)
        val kalman = Surrogate.KALMAN.withQ(filter.q()).withR(filter.r() * rFactor).withMeasurementNoise(noise)
        ArturoOptimizer(tuned.toBuilder().surrogate(kalman).build())
    }

    val filterVariants: List<Entry> = listOf(
        arturoFilter("arturo-noise", "arTuRO, estimated noise", Surrogate.MeasurementNoise.ESTIMATED),
        arturoFilter("arturo-r0.01", "arTuRO, r ×0.01", Surrogate.MeasurementNoise.FIXED, rFactor = 0.01),
        arturoFilter("arturo-noise-r0.01", "arTuRO, estimated noise, r ×0.01", Surrogate.MeasurementNoise.ESTIMATED, rFactor = 0.01),
        arturoFilter("arturo-r100", "arTuRO, r ×100", Surrogate.MeasurementNoise.FIXED, rFactor = 100.0),
        arturoFilter("arturo-noise-r100", "arTuRO, estimated noise, r ×100", Surrogate.MeasurementNoise.ESTIMATED, rFactor = 100.0),
        arturoFilter("arturo-cifar-filter", "arTuRO, CIFAR-10 CNN filter", Surrogate.MeasurementNoise.FIXED,
            filter = ArturoPreset.CIFAR10_CNN),
        arturoFilter("arturo-noise-cifar-filter", "arTuRO, estimated noise, CIFAR-10 CNN filter", Surrogate.MeasurementNoise.ESTIMATED,
            filter = ArturoPreset.CIFAR10_CNN),
    )

    /**
     * The noise-aware methods of Balles' thesis with its Fashion-MNIST step sizes (problem P1, App. B.1.2;
     * SVAG and Adam* at M-SVAG's and Adam's, the thesis tuned no P1 value for them), under SGD's
     * compressed schedule (×0.1 at 50% and 75% of training).
     */
    private fun noiseAware(method: Method, learningRate: Double) = Entry(method.key(), "${method.displayName()} (α $learningRate)") {
        NoiseAwareOptimizer(NoiseAwareConfig.builder(method).learningRate(learningRate)
            .schedule(compressed { SgdPreset.FASHION_MNIST_CNN.paperSchedule(epochs.toLong(), stepsPerEpoch) }).build())
    }

    val noiseAwareMethods: List<Entry> = listOf(
        noiseAware(Method.SSD, 3e-4), noiseAware(Method.M_SGD, 0.1), noiseAware(Method.M_SSD, 3e-4),
        noiseAware(Method.SVAG, 0.3), noiseAware(Method.M_SVAG, 0.3), noiseAware(Method.ADAM_STAR, 1e-3),
    )

    val all: List<Entry> get() = listOf(arturoExact, arturoBisection, sgd, adam, adamW) + filterVariants + noiseAwareMethods

    /** The entries named by [keys] (see [Entry.key]), in the given order. */
    fun select(keys: List<String>): List<Entry> = keys.map { key ->
        all.firstOrNull { it.key == key.lowercase() }
            ?: throw IllegalArgumentException("--optimizers: unknown optimizer '$key'; valid: ${all.joinToString { it.key }}")
    }

    companion object {
        /** Every contestant's key, in the default order (the values `--optimizers` accepts). */
        val KEYS: List<String> by lazy { PaperOptimizers(1, 1).all.map { it.key } }
    }
}
