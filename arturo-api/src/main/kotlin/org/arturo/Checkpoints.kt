@file:JvmName("Checkpoints")

package org.arturo

import java.io.File
import java.io.FileNotFoundException
import java.io.IOException
import java.nio.file.Files
import java.nio.file.NoSuchFileException
import java.nio.file.Path
import java.time.Instant
import org.arturo.kotlindl.KotlinDlOptimizer
import org.jetbrains.kotlinx.dl.api.core.GraphTrainableModel
import org.jetbrains.kotlinx.dl.api.core.SavingFormat
import org.jetbrains.kotlinx.dl.api.core.WritingMode
import kotlin.io.path.isRegularFile

/**
 * Saves the weights and the optimizer state of this model into [dir] so that no crash can lose the
 * last good checkpoint, and returns what it wrote. Use it instead of
 * `model.save(dir, ..., saveOptimizerState = true, writingMode = OVERRIDE)`, which deletes the previous
 * save before writing the new one.
 *
 * Each call writes a new version `dir/ckpt-<n>/` (KotlinDL's files, the optimizer's name and
 * configuration, the weight and state variable names and shapes, and a manifest with every file's size
 * and SHA-256), fsyncs it, and only then switches the pointer file `dir/CURRENT` to it by an atomic
 * rename. A process killed at any moment leaves `CURRENT` naming either the previous checkpoint or the
 * new one, each complete. The [keep] newest versions stay (the current one and `keep - 1` before it);
 * older ones are removed after the switch, leftovers of interrupted saves at the next save. One process
 * saves into a directory at a time (a lock file `dir/.lock` enforces it).
 *
 * From Java: `Checkpoints.saveCheckpoint(model, dir)`.
 *
 * @throws CheckpointException if the model is not compiled with an arturo optimizer or not yet
 *   initialized ([CheckpointProblem.MODEL_NOT_READY]), or another save into [dir] is running.
 * @throws IOException if the file system fails; the previous checkpoint is then still the current one.
 */
@JvmOverloads
@Throws(IOException::class)
public fun GraphTrainableModel.saveCheckpoint(dir: File, keep: Int = 2): CheckpointInfo = writeCheckpoint(this, dir.toPath(), keep) {}

/**
 * Loads the checkpoint that `dir/CURRENT` names into this model: its weights and its optimizer state,
 * so training resumes where it stopped (the step counter, and with it the schedule, included).
 * Build and compile the model as it was when saved, with an optimizer of the same kind and settings,
 * and do not initialize or train it before (KotlinDL loads only into a fresh model). Then:
 * ```
 * model.compile(optimizer = arturo { /* the same settings */ }, loss = ..., metric = ...)
 * model.loadCheckpoint(dir)
 * model.fit(...)
 * ```
 * Before anything is loaded it checks, and fails with a [CheckpointException] that names the difference:
 * that every file is there with the size and SHA-256 its manifest records; that the checkpoint was
 * written by the model's optimizer ("checkpoint was written by Adam (adam), this model's optimizer is
 * arTuRO (arturo)"); that it holds optimizer state; that the weights and the optimizer state variables
 * have the model's names and shapes; and that the optimizer's hyperparameters and gradient clipping are
 * the model's, naming each value that differs. With [allowDifferentHyperparameters] the last check only
 * lets the differences pass: the state is then continued under the model's values (for example to
 * lower ε for the rest of a run). Another optimizer, missing state or other weights stay errors.
 *
 * A directory written by `model.save(dir, JSON_CONFIG_CUSTOM_VARIABLES, saveOptimizerState = true)` is
 * accepted too, with the checks its contents allow (variable names and value counts); it records no
 * hyperparameters, so loading it needs [allowDifferentHyperparameters]. Save it again with
 * [saveCheckpoint] to get a verified checkpoint.
 *
 * From Java: `Checkpoints.loadCheckpoint(model, dir)` or `Checkpoints.loadCheckpoint(model, dir, true)`.
 *
 * @throws CheckpointException as described; [CheckpointException.problem] tells which check failed.
 * @throws IOException if the file system fails.
 */
@JvmOverloads
@Throws(IOException::class)
public fun GraphTrainableModel.loadCheckpoint(dir: File, allowDifferentHyperparameters: Boolean = false): CheckpointInfo =
    readCheckpoint(this, dir.toPath(), allowDifferentHyperparameters)

/**
 * The checkpoint `dir/CURRENT` names, checked against its manifest, or null if [dir] holds none (it
 * does not exist, is empty, or only an interrupted first save is there). Use it to decide between
 * resuming and starting afresh:
 * ```
 * if (findCheckpoint(dir) != null) model.loadCheckpoint(dir) else model.init()
 * ```
 * From Java: `Checkpoints.findCheckpoint(dir)`.
 *
 * @throws CheckpointException if a checkpoint is there but incomplete or damaged.
 */
@Throws(IOException::class)
public fun findCheckpoint(dir: File): CheckpointInfo? {
    val version = CheckpointStore(dir.toPath()).current() ?: return null
    val description = describe(version)
    return info(version, description)
}

internal fun writeCheckpoint(model: GraphTrainableModel, root: Path, keep: Int, fault: (SavePhase) -> Unit): CheckpointInfo {
    require(keep >= 1) { "keep = $keep: at least the current checkpoint is kept" }
    val side = ModelSide(model)
    val optimizer = side.optimizer as? KotlinDlOptimizer ?: notReady(
        "cannot save a checkpoint of this model: its optimizer is ${side.optimizerTitle}; " +
            "checkpoints hold the state of arturo's optimizers (arturo { }, sgd { }, adam { }, adamW { }, KotlinDlOptimizer)",
    )
    if (!model.isModelInitialized || !model.isOptimizerVariableInitialized) {
        notReady("nothing to save yet: the model's variables are not initialized; call init(), fit(...) or loadCheckpoint(...) first")
    }
    val description = CheckpointDescription(Instant.now(), side.step(optimizer), OptimizerSpec.of(optimizer), side.weights, side.state)
    val store = CheckpointStore(root)
    return store.exclusively {
        val version = store.write(keep, fault) { temp ->
            val modelDir = temp.resolve(CheckpointStore.MODEL_DIR)
            model.save(modelDir.toFile(), SavingFormat.JSON_CONFIG_CUSTOM_VARIABLES, saveOptimizerState = true, writingMode = WritingMode.FAIL_IF_EXISTS)
            description.checkWrittenBy(modelDir)
            Files.write(temp.resolve(CheckpointStore.DESCRIPTION), description.toJson())
        }
        info(version, description)
    }
}

internal fun readCheckpoint(model: GraphTrainableModel, root: Path, allowDifferentHyperparameters: Boolean): CheckpointInfo {
    val store = CheckpointStore(root)
    val version = store.current()
    if (version == null) {
        if (root.resolve(CheckpointStore.KOTLINDL_NAMES).isRegularFile()) return readKotlinDlDirectory(model, root, allowDifferentHyperparameters)
        val why = when {
            !Files.exists(root) -> "$root does not exist"
            store.interruptedSaves().isNotEmpty() ->
                "$root has no $CURRENT_FILE pointer: its first save was interrupted before it completed (${store.interruptedSaves().joinToString()})"
            else -> "$root has no $CURRENT_FILE pointer (it was not written by saveCheckpoint)"
        }
        throw CheckpointException(CheckpointProblem.NO_CHECKPOINT, "no checkpoint to load: $why")
    }
    val description = describe(version)
    val side = readySide(model)
    val where = "cannot load ${version.dir} into this model"
    val optimizer = sameOptimizer(side, description.optimizer.name, description.optimizer.stateName, where)
    if (description.state.isEmpty()) {
        throw CheckpointException(CheckpointProblem.NO_OPTIMIZER_STATE, "$where: the checkpoint holds no optimizer state")
    }
    requireSameVariables(side.weights, description.weights, CheckpointProblem.DIFFERENT_WEIGHTS,
        "$where: the checkpoint's weights differ from this model's (another model, or layers named differently)")
    requireSameVariables(side.state, description.state, CheckpointProblem.DIFFERENT_OPTIMIZER_STATE,
        "$where: the checkpoint's optimizer state differs from the state this model's optimizer creates " +
            "(another surrogate, another version of the optimizer?)")
    val current = OptimizerSpec.of(optimizer)
    val differences = ConfigText.differences(description.optimizer.config, current.config) +
        listOfNotNull(
            if (description.optimizer.clipGradient == current.clipGradient) null
            else "clipGradient = ${description.optimizer.clipGradient} in the checkpoint, ${current.clipGradient} in this model",
        )
    if (differences.isNotEmpty() && !allowDifferentHyperparameters) {
        throw CheckpointException(
            CheckpointProblem.DIFFERENT_HYPERPARAMETERS,
            "$where: the checkpoint was written with other hyperparameters than this model's ${current.name}:\n  " +
                differences.joinToString("\n  ") +
                "\nCompile the model with the checkpoint's settings, or pass allowDifferentHyperparameters = true " +
                "to continue its optimizer state under this model's values.",
        )
    }
    loadKotlinDlFiles(model, version.dir.resolve(CheckpointStore.MODEL_DIR), where)
    val step = side.step(optimizer)
    if (step != description.step) {
        CheckpointStore.corrupt("$where: the loaded step counter is $step, the checkpoint recorded ${description.step}")
    }
    return info(version, description)
}

/** A directory written by `model.save`: no manifest and no configuration; checked by variable names and value counts. */
private fun readKotlinDlDirectory(model: GraphTrainableModel, root: Path, allowDifferentHyperparameters: Boolean): CheckpointInfo {
    val side = readySide(model)
    val where = "cannot load $root (written by model.save, not saveCheckpoint) into this model"
    val listed = Files.readAllLines(root.resolve(CheckpointStore.KOTLINDL_NAMES)).map { it.trim() }.filter { it.isNotEmpty() }
    val (listedState, listedWeights) = listed.partition { it.startsWith("optimizer") }

    val modelWeights = side.weights.associateBy { it.name }
    val extraWeights = listedWeights.filter { it !in modelWeights }
    val missingWeights = modelWeights.keys.filter { it !in listedWeights }
    if (extraWeights.isNotEmpty()) {
        throw CheckpointException(
            CheckpointProblem.DIFFERENT_WEIGHTS,
            "$where: its weights differ from this model's: only in the directory: ${extraWeights.joinToString()}" +
                if (missingWeights.isEmpty()) "" else "; only in this model: ${missingWeights.joinToString()}",
        )
    }
    if (missingWeights.isNotEmpty()) {
        CheckpointStore.incomplete("$where: it lacks the weights ${missingWeights.joinToString()} (an interrupted model.save?)")
    }

    val optimizer = side.optimizer as? KotlinDlOptimizer ?: throw CheckpointException(
        CheckpointProblem.OTHER_OPTIMIZER,
        "$where: this model's optimizer is ${side.optimizerTitle}; loadCheckpoint restores the state of arturo's optimizers only",
    )
    val spec = OptimizerSpec.of(optimizer)
    if (listedState.isEmpty()) {
        throw CheckpointException(
            CheckpointProblem.NO_OPTIMIZER_STATE,
            "$where: it holds no optimizer state (saved with saveOptimizerState = false), so ${spec.name} would restart " +
                "from step 0; load the weights alone with model.loadWeights(dir, loadOptimizerState = false) if that is what you want",
        )
    }
    val modelState = side.state.associateBy { it.name }
    val missingState = modelState.keys.filter { it !in listedState }
    val extraState = listedState.filter { it !in modelState }
    val otherStep = extraState.firstNotNullOfOrNull { STEP_VARIABLE.matchEntire(it)?.groupValues?.get(1) }
    if (otherStep != null && "optimizer_${spec.stateName}_step" !in listedState) {
        throw CheckpointException(
            CheckpointProblem.OTHER_OPTIMIZER,
            "$where: it holds the state of another optimizer (optimizer_${otherStep}_step: state name $otherStep), " +
                "this model's optimizer is ${spec.title}",
        )
    }
    if (extraState.isNotEmpty()) {
        throw CheckpointException(
            CheckpointProblem.DIFFERENT_OPTIMIZER_STATE,
            "$where: it holds optimizer state that this model's ${spec.title} does not create: ${extraState.joinToString()}",
        )
    }
    if (missingState.isNotEmpty()) {
        CheckpointStore.incomplete(
            "$where: it lacks the optimizer state ${missingState.joinToString()} (an interrupted model.save?); " +
                "loading it would fail later in fit with \"uninitialized value\"",
        )
    }
    for (name in listed) {
        val expected = (modelWeights[name] ?: modelState.getValue(name))
        val file = root.resolve("$name.txt")
        if (!file.isRegularFile()) CheckpointStore.incomplete("$where: $file is missing")
        val count = countValues(file)
        if (count != expected.size) {
            CheckpointStore.incomplete(
                "$where: $file holds $count values, this model's $expected needs ${expected.size} " +
                    "(a file cut short by an interrupted save, or another model)",
            )
        }
    }
    if (!allowDifferentHyperparameters) {
        throw CheckpointException(
            CheckpointProblem.DIFFERENT_HYPERPARAMETERS,
            "$where: model.save records no optimizer configuration, so its hyperparameters cannot be compared with " +
                "this model's ${spec.name}; pass allowDifferentHyperparameters = true to load it anyway, then save it " +
                "with saveCheckpoint to get a verified checkpoint",
        )
    }
    loadKotlinDlFiles(model, root, where)
    return CheckpointInfo(root.toFile(), 0, side.step(optimizer), spec.name, spec.stateName, spec.config, spec.clipGradient, null, verified = false)
}

/** Whitespace-separated values in one of KotlinDL's variable files. */
private fun countValues(file: Path): Long {
    var count = 0L
    var inValue = false
    Files.newInputStream(file).buffered(1 shl 16).use { input ->
        while (true) {
            val b = input.read()
            if (b < 0) break
            val space = b == ' '.code || b == '\n'.code || b == '\r'.code || b == '\t'.code
            if (!space && !inValue) count++
            inValue = !space
        }
    }
    return count
}

private val STEP_VARIABLE = Regex("optimizer_(.+)_step")
private const val CURRENT_FILE = CheckpointStore.POINTER

private fun describe(version: CheckpointStore.Version): CheckpointDescription {
    val file = version.dir.resolve(CheckpointStore.DESCRIPTION)
    return CheckpointDescription.parse(Files.readAllBytes(file), file)
}

private fun info(version: CheckpointStore.Version, d: CheckpointDescription) = CheckpointInfo(
    version.dir.toFile(), version.number, d.step, d.optimizer.name, d.optimizer.stateName, d.optimizer.config,
    d.optimizer.clipGradient, d.savedAt, verified = true,
)

private fun notReady(message: String): Nothing = throw CheckpointException(CheckpointProblem.MODEL_NOT_READY, message)

private fun readySide(model: GraphTrainableModel): ModelSide {
    if (!model.isModelCompiled) {
        notReady("compile the model with its optimizer before loading a checkpoint: the optimizer state is loaded into that optimizer's variables")
    }
    if (model.isModelInitialized) {
        notReady(
            "this model is already initialized (by init(), fit(...) or an earlier load); KotlinDL loads weights only " +
                "into a freshly compiled model: build and compile a new one",
        )
    }
    return ModelSide(model)
}

private fun sameOptimizer(side: ModelSide, name: String, stateName: String, where: String): KotlinDlOptimizer {
    val optimizer = side.optimizer
    if (optimizer !is KotlinDlOptimizer) {
        throw CheckpointException(
            CheckpointProblem.OTHER_OPTIMIZER,
            "$where: checkpoint was written by $name ($stateName), this model's optimizer is ${side.optimizerTitle}",
        )
    }
    val spec = OptimizerSpec.of(optimizer)
    if (spec.name != name || spec.stateName != stateName) {
        throw CheckpointException(
            CheckpointProblem.OTHER_OPTIMIZER,
            "$where: checkpoint was written by $name ($stateName), this model's optimizer is ${spec.title}",
        )
    }
    return optimizer
}

private fun compareVariables(model: List<VariableSpec>, saved: List<VariableSpec>): List<String> {
    val inModel = model.associateBy { it.name }
    val inSaved = saved.associateBy { it.name }
    val out = mutableListOf<String>()
    for (s in saved) {
        val m = inModel[s.name]
        if (m != null && m.shape != s.shape) out += "${s.name} has shape ${s.shape} in the checkpoint, ${m.shape} in this model"
    }
    saved.filter { it.name !in inModel }.takeIf { it.isNotEmpty() }?.let { out += "only in the checkpoint: ${it.joinToString()}" }
    model.filter { it.name !in inSaved }.takeIf { it.isNotEmpty() }?.let { out += "only in this model: ${it.joinToString()}" }
    return out
}

/** Throws [problem] with [what] and every difference when the model's and the checkpoint's variables differ. */
private fun requireSameVariables(
    model: List<VariableSpec>,
    saved: List<VariableSpec>,
    problem: CheckpointProblem,
    what: String,
) {
    val differences = compareVariables(model, saved)
    if (differences.isNotEmpty()) {
        throw CheckpointException(problem, "$what:\n  " + differences.joinToString("\n  "))
    }
}

/** Runs KotlinDL's loadWeights, turning its failures into messages that say what does not match. */
private fun loadKotlinDlFiles(model: GraphTrainableModel, modelDir: Path, where: String) {
    try {
        model.loadWeights(modelDir.toFile(), loadOptimizerState = true)
    } catch (e: Exception) {
        throw translateKotlinDlLoadFailure(e, where)
    }
}

private val NOT_IN_GRAPH = Regex("Operation (\\S+?) is not found in static graph\\.?")

/**
 * KotlinDL's own load failures, which name an op or a file but not the cause, as [CheckpointException]s
 * that do. The model is partly loaded afterwards, so the message asks for a fresh one.
 */
internal fun translateKotlinDlLoadFailure(e: Exception, where: String): Exception {
    val fresh = " The model is now partly loaded: build and compile a fresh one. (KotlinDL: ${e.message})"
    val missingOp = e.message?.let { NOT_IN_GRAPH.find(it) }?.groupValues?.get(1)
    return when {
        missingOp != null -> {
            val variable = missingOp.removePrefix("Init_").removePrefix("Assign_")
            if (variable.startsWith("optimizer")) {
                CheckpointException(
                    CheckpointProblem.DIFFERENT_OPTIMIZER_STATE,
                    "$where: the checkpoint holds optimizer state $variable, which this model's optimizer does not create " +
                        "(it was written by another optimizer, or for a model whose layers are named differently).$fresh",
                    e,
                )
            } else {
                CheckpointException(
                    CheckpointProblem.DIFFERENT_WEIGHTS,
                    "$where: the checkpoint holds the weight $variable, which this model does not have " +
                        "(another model, or layers named differently).$fresh",
                    e,
                )
            }
        }
        e is FileNotFoundException || e is NoSuchFileException ->
            CheckpointException(CheckpointProblem.INCOMPLETE, "$where: a file is missing.$fresh", e)
        e is NumberFormatException ->
            CheckpointException(CheckpointProblem.CORRUPT, "$where: a variable file holds something other than numbers.$fresh", e)
        else -> e
    }
}
