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

    val all: List<Entry> get() = listOf(arturoExact, arturoBisection, sgd, adam, adamW)

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
