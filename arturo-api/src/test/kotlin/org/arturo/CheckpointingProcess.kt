package org.arturo

import java.io.File
import java.util.zip.CRC32
import kotlin.random.Random
import org.arturo.kotlindl.KotlinDlInternals
import org.arturo.kotlindl.KotlinDlOptimizer
import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.activation.Activations
import org.jetbrains.kotlinx.dl.api.core.layer.ParametrizedLayer
import org.jetbrains.kotlinx.dl.api.core.layer.core.Dense
import org.jetbrains.kotlinx.dl.api.core.layer.core.Input
import org.jetbrains.kotlinx.dl.api.core.layer.reshaping.Flatten
import org.jetbrains.kotlinx.dl.api.core.loss.Losses
import org.jetbrains.kotlinx.dl.api.core.metric.Metrics
import org.jetbrains.kotlinx.dl.dataset.OnHeapDataset
import org.tensorflow.Tensor

/**
 * The process CheckpointCrashSpec kills: it trains a small MLP and saves a checkpoint after every
 * epoch, forever, announcing each save on stdout:
 * ```
 * SAVING <step> <fingerprint>     before saveCheckpoint starts
 * SAVED <step> <milliseconds>     after it returned
 * ```
 * The fingerprint is a CRC of every weight, so the parent can tell that a loaded checkpoint holds the
 * weights of exactly the step it claims, not a mixture of two saves.
 *
 * Usage: `CheckpointingProcess <dir>`. It starts afresh, from KotlinDL's fixed-seed initial weights.
 */
object CheckpointingProcess {
    const val BATCH_SIZE: Int = 32
    const val STEPS_PER_EPOCH: Int = 8

    /** Named layers: the names, and so the checkpoint's variable names, do not depend on what else the JVM built. */
    fun model(): Sequential = Sequential.of(
        Input(28, 28, 1, name = "pixels"),
        Flatten(name = "flat"),
        Dense(outputSize = 16, activation = Activations.Relu, name = "hidden"),
        Dense(outputSize = 10, activation = Activations.Linear, name = "logits"),
    )

    fun optimizer(): KotlinDlOptimizer = arturo { epsilon = 0.05 }

    fun compiled(optimizer: KotlinDlOptimizer): Sequential = model().apply {
        compile(optimizer = optimizer, loss = Losses.SOFT_MAX_CROSS_ENTROPY_WITH_LOGITS, metric = Metrics.ACCURACY)
    }

    /** Synthetic images and labels (fixed seed): this test is about files, not accuracy, and needs no start-up cost. */
    fun data(): OnHeapDataset {
        val random = Random(7)
        val n = BATCH_SIZE * STEPS_PER_EPOCH
        val x = Array(n) { FloatArray(28 * 28) { random.nextFloat() } }
        val y = FloatArray(n) { random.nextInt(10).toFloat() }
        return OnHeapDataset.create(x, y)
    }

    fun step(model: Sequential, optimizer: KotlinDlOptimizer): Long =
        optimizer.diagnostics().read(KotlinDlInternals.sessionOf(model)).step()

    /** CRC-32 of every weight's float bits, layer by layer, read from the model's session. */
    fun fingerprint(model: Sequential): Long {
        val crc = CRC32()
        val session = KotlinDlInternals.sessionOf(model)
        for (variable in model.layers.filterIsInstance<ParametrizedLayer>().flatMap { it.variables }) {
            session.runner().fetch(variable.variable).run().single().use { tensor ->
                @Suppress("UNCHECKED_CAST")
                val values = FloatArray(tensor.numElements()).also { (tensor as Tensor<Float>).writeTo(java.nio.FloatBuffer.wrap(it)) }
                val bytes = java.nio.ByteBuffer.allocate(values.size * 4)
                values.forEach { bytes.putInt(java.lang.Float.floatToRawIntBits(it)) }
                crc.update(bytes.array())
            }
        }
        return crc.value
    }

    @JvmStatic
    fun main(args: Array<String>) {
        val dir = File(args.single())
        val data = data()
        val optimizer = optimizer()
        compiled(optimizer).use { model ->
            model.init()
            while (true) {
                model.fit(data, epochs = 1, batchSize = BATCH_SIZE)
                val step = step(model, optimizer)
                println("SAVING $step ${fingerprint(model)}")
                System.out.flush()
                val start = System.nanoTime()
                model.saveCheckpoint(dir)
                println("SAVED $step ${(System.nanoTime() - start) / 1_000_000}")
                System.out.flush()
            }
        }
    }
}
