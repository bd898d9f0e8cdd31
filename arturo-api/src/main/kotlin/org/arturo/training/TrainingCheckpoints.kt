@file:JvmName("TrainingCheckpoints")

package org.arturo.training

import java.io.File
import java.io.IOException
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import org.arturo.CheckpointException
import org.arturo.CheckpointProblem
import org.arturo.CheckpointStore
import org.arturo.SavePhase
import org.arturo.training.graph.ParameterAccess
import org.arturo.training.loop.LoopState
import org.arturo.training.loop.ResumableMethod
import org.arturo.training.loop.TrainingListener
import org.arturo.training.loop.TrainingLoop
import org.arturo.training.loop.StepReport
import org.tensorflow.op.core.Variable

// Checkpoints of a training method (CABS, the trust region) on any graph, raw or from KotlinDL, in the
// same crash-safe versioned directories as model checkpoints (CheckpointStore: a new version is written
// and fsynced before the CURRENT pointer switches to it by an atomic rename). A version holds
//   training.json   the method, its settings, the variables' names and shapes, the counters and numbers
//   variables.f32   every variable (the model's, then the method's own) as little-endian float32
//   arrays.f64      the state's arrays (e.g. the ellipsoid's second moments) as little-endian float64

/** A training checkpoint as [saveCheckpoint] wrote it or [loadCheckpoint] read it. */
public data class TrainingCheckpointInfo(
    val directory: File,
    val version: Long,
    val method: String,
    val steps: Long,
    val examplesSeen: Long,
    val backpropagations: Long,
    val savedAt: Instant,
)

/**
 * Saves the method's model and state variables and its host state into [dir] so that no crash loses the
 * last good checkpoint; the [keep] newest versions stay. From Java: `TrainingCheckpoints.saveCheckpoint(method, dir)`.
 */
@JvmOverloads
@Throws(IOException::class)
public fun ResumableMethod.saveCheckpoint(dir: File, keep: Int = 2): TrainingCheckpointInfo = writeTrainingCheckpoint(this, dir.toPath(), keep) {}

/**
 * Loads the checkpoint `dir/CURRENT` names into this method, which must be built like the one that saved
 * it (same model, same settings): everything is checked (manifest, method, settings, every variable's
 * name and shape, the state's entries) before anything is written, and a difference is a
 * [CheckpointException] that names it. The method then continues bit for bit.
 */
@Throws(IOException::class)
public fun ResumableMethod.loadCheckpoint(dir: File): TrainingCheckpointInfo = readTrainingCheckpoint(this, dir.toPath())

/** The training checkpoint `dir/CURRENT` names, verified, or null if [dir] holds none. */
@Throws(IOException::class)
public fun findTrainingCheckpoint(dir: File): TrainingCheckpointInfo? {
    val version = CheckpointStore(dir.toPath()).current(REQUIRED) ?: return null
    return TrainingDescription.parse(version.dir.resolve(DESCRIPTION)).info(version)
}

/**
 * Saves a checkpoint every [everySteps] steps and when a run ends without failure; pass it to a
 * [TrainingLoop] or [ModelTraining.run]. A failed step saves nothing, so the last checkpoint is the
 * last good state.
 */
public class CheckpointEvery @JvmOverloads constructor(
    private val method: ResumableMethod,
    private val dir: File,
    private val everySteps: Long,
    private val keep: Int = 2,
) : TrainingListener {
    init {
        org.arturo.tf.Check.inRange("everySteps", everySteps, 1, Long.MAX_VALUE)
        org.arturo.tf.Check.inRange("keep", keep.toLong(), 1, 1000)
    }

    override fun onStep(report: StepReport) {
        if (report.step() % everySteps == 0L) method.saveCheckpoint(dir, keep)
    }

    override fun onEnd(summary: TrainingLoop.Summary, failure: Throwable?) {
        if (failure == null && summary.steps() % everySteps != 0L) method.saveCheckpoint(dir, keep)
    }
}

private const val DESCRIPTION = "training.json"
private const val VARIABLES = "variables.f32"
private const val ARRAYS = "arrays.f64"
private val REQUIRED = listOf(DESCRIPTION, VARIABLES, ARRAYS)

private fun variablesOf(method: ResumableMethod): List<Variable<Float>> = method.model().variables() + method.stateVariables()

private fun accessOf(method: ResumableMethod): ParameterAccess =
    ParameterAccess(method.model().tf(), method.model().session(), variablesOf(method))

internal fun writeTrainingCheckpoint(method: ResumableMethod, root: Path, keep: Int, fault: (SavePhase) -> Unit): TrainingCheckpointInfo {
    org.arturo.tf.Check.inRange("keep", keep.toLong(), 1, 1000)
    val variables = variablesOf(method)
    val values = accessOf(method).read()
    val state = method.saveState()
    val description = TrainingDescription(
        Instant.now(), method.name(), method.settings(), method.steps(), method.examplesSeen(), method.backpropagations(),
        variables.map { it.op().name() to ParameterAccess.shapeOf(it).toList() }, state,
    )
    val store = CheckpointStore(root)
    return store.exclusively {
        val version = store.write(keep, fault) { temp ->
            Files.write(temp.resolve(DESCRIPTION), description.toJson())
            writeLittleEndian(temp.resolve(VARIABLES), 4L * values.sumOf { it.size.toLong() }) { out ->
                values.forEach { a -> a.forEach { out.putFloat(it) } }
            }
            writeLittleEndian(temp.resolve(ARRAYS), 8L * state.arrays().values.sumOf { it.size.toLong() }) { out ->
                state.arrays().values.forEach { a -> a.forEach { out.putDouble(it) } }
            }
        }
        description.info(version)
    }
}

internal fun readTrainingCheckpoint(method: ResumableMethod, root: Path): TrainingCheckpointInfo {
    val version = CheckpointStore(root).current(REQUIRED)
        ?: throw CheckpointException(CheckpointProblem.NO_CHECKPOINT, "no training checkpoint to load: $root has no CURRENT pointer")
    val file = version.dir.resolve(DESCRIPTION)
    val saved = TrainingDescription.parse(file)
    val where = "cannot resume ${method.name()} from ${version.dir}"
    if (saved.method != method.name()) {
        throw CheckpointException(CheckpointProblem.OTHER_OPTIMIZER, "$where: the checkpoint was written by ${saved.method}")
    }
    if (saved.settings != method.settings()) {
        throw CheckpointException(CheckpointProblem.DIFFERENT_HYPERPARAMETERS,
            "$where: its settings differ; checkpoint: ${saved.settings}; this method: ${method.settings()}")
    }
    val variables = variablesOf(method)
    val expected = variables.map { it.op().name() to ParameterAccess.shapeOf(it).toList() }
    if (saved.variables != expected) {
        val diff = (saved.variables.toSet() - expected.toSet()).take(3) + (expected.toSet() - saved.variables.toSet()).take(3)
        throw CheckpointException(CheckpointProblem.DIFFERENT_WEIGHTS,
            "$where: its variables differ from this method's (names or shapes; e.g. ${diff.joinToString { "${it.first} ${it.second}" }})")
    }
    val current = method.saveState()
    if (saved.state.counters().keys != current.counters().keys || saved.state.numbers().keys != current.numbers().keys ||
        saved.arrayLengths != current.arrays().mapValues { it.value.size }
    ) {
        throw CheckpointException(CheckpointProblem.DIFFERENT_OPTIMIZER_STATE,
            "$where: its state entries differ (checkpoint: ${saved.state.counters().keys + saved.state.numbers().keys + saved.arrayLengths.keys})")
    }
    val sizes = variables.map { ParameterAccess.shapeOf(it).fold(1L) { a, b -> a * b }.toInt() }
    val floats = readLittleEndian(version.dir.resolve(VARIABLES), 4L * sizes.sum())
    val values = sizes.map { n -> FloatArray(n) { floats.getFloat() } }
    val doubles = readLittleEndian(version.dir.resolve(ARRAYS), 8L * saved.arrayLengths.values.sum())
    val arrays = saved.arrayLengths.mapValues { (_, n) -> DoubleArray(n) { doubles.getDouble() } }
    accessOf(method).write(values)
    method.restoreState(LoopState(saved.state.counters(), saved.state.numbers(), arrays))
    return saved.info(version)
}

private fun writeLittleEndian(file: Path, bytes: Long, fill: (ByteBuffer) -> Unit) {
    if (bytes > Int.MAX_VALUE) throw IOException("$file: $bytes bytes exceed what one checkpoint file holds (2 GiB)")
    val buffer = ByteBuffer.allocate(bytes.toInt()).order(ByteOrder.LITTLE_ENDIAN)
    fill(buffer)
    Files.write(file, buffer.array())
}

private fun readLittleEndian(file: Path, expectedBytes: Long): ByteBuffer {
    val size = Files.size(file)
    if (size != expectedBytes) {
        CheckpointStore.corrupt("$file has $size bytes, the description implies $expectedBytes")
    }
    return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN)
}
