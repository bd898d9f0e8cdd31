package org.arturo

import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import org.arturo.kotlindl.KotlinDlInternals
import org.arturo.kotlindl.KotlinDlOptimizer
import org.jetbrains.kotlinx.dl.api.core.GraphTrainableModel
import org.jetbrains.kotlinx.dl.api.core.layer.ParametrizedLayer
import org.jetbrains.kotlinx.dl.api.core.optimizer.Optimizer
import org.tensorflow.Shape

/** A variable as a checkpoint records it: its graph name and shape. */
internal data class VariableSpec(val name: String, val shape: List<Long>) {
    val size: Long get() = shape.fold(1L) { a, b -> a * b }

    override fun toString(): String = "$name ${shape.joinToString(", ", "[", "]")}"

    companion object {
        fun of(name: String, shape: Shape): VariableSpec = VariableSpec(name, (0 until shape.numDimensions()).map { shape.size(it) })
    }
}

/** Who wrote a checkpoint: the optimizer's names, its configuration's text and the gradient clipping. */
internal data class OptimizerSpec(
    val name: String,
    val stateName: String,
    val className: String,
    val config: String,
    val clipGradient: String,
) {
    val title: String get() = "$name ($stateName)"

    companion object {
        fun of(optimizer: KotlinDlOptimizer): OptimizerSpec = OptimizerSpec(
            optimizer.graphOptimizer().name(),
            optimizer.graphOptimizer().stateName(),
            optimizer.graphOptimizer().javaClass.name,
            optimizer.configDescription(),
            KotlinDlOptimizer.describeClipGradient(optimizer.clipGradient),
        )
    }
}

/** What a model holds that a checkpoint must match: its optimizer, weights and optimizer state variables. */
internal class ModelSide(val model: GraphTrainableModel) {
    val optimizer: Optimizer? = KotlinDlInternals.optimizerOf(model)

    val weights: List<VariableSpec> = model.layers.filterIsInstance<ParametrizedLayer>()
        .flatMap { layer -> layer.variables.map { VariableSpec.of(it.variable.op().name(), it.shape) } }

    val state: List<VariableSpec> = model.kGraph.optimizerVariables().map { VariableSpec.of(it.op().name(), it.asOutput().shape()) }

    /** "arTuRO (arturo)" for arturo's optimizers, "KotlinDL's Adam" for others. */
    val optimizerTitle: String
        get() = when (val o = optimizer) {
            null -> "none (the model is not compiled)"
            is KotlinDlOptimizer -> OptimizerSpec.of(o).title
            else -> "${o.optimizerName} (${o.javaClass.name}, not an arturo optimizer)"
        }

    /** The applied-step counter of the compiled optimizer, read from the model's session. */
    fun step(optimizer: KotlinDlOptimizer): Long = optimizer.diagnostics().read(KotlinDlInternals.sessionOf(model)).step()
}

/**
 * `checkpoint.json`: what arturo records beside KotlinDL's files, so a load can tell whether the model
 * and its optimizer are the ones that wrote the checkpoint.
 */
internal class CheckpointDescription(
    val savedAt: Instant,
    val step: Long,
    val optimizer: OptimizerSpec,
    val weights: List<VariableSpec>,
    val state: List<VariableSpec>,
) {
    fun toJson(): ByteArray {
        val node = CheckpointStore.JSON.createObjectNode()
        node.put("format", FORMAT)
        node.put("savedAt", savedAt.toString())
        node.put("step", step)
        node.putObject("optimizer")
            .put("name", optimizer.name)
            .put("stateName", optimizer.stateName)
            .put("class", optimizer.className)
            .put("config", optimizer.config)
            .put("clipGradient", optimizer.clipGradient)
        fun list(key: String, variables: List<VariableSpec>) {
            val array = node.putArray(key)
            for (v in variables) array.addObject().put("name", v.name).also { o -> v.shape.forEach(o.putArray("shape")::add) }
        }
        list("weights", weights)
        list("optimizerState", state)
        node.putObject("kotlinDl").put("directory", CheckpointStore.MODEL_DIR).put("format", "JSON_CONFIG_CUSTOM_VARIABLES")
        return CheckpointStore.JSON.writeValueAsBytes(node)
    }

    /** Checks that KotlinDL wrote exactly the variables this description lists, before the version becomes current. */
    fun checkWrittenBy(modelDir: Path) {
        val written = Files.readAllLines(modelDir.resolve(CheckpointStore.KOTLINDL_NAMES)).filter { it.isNotBlank() }
        val expected = (weights + state).map { it.name }
        check(written.toSet() == expected.toSet()) {
            "KotlinDL saved the variables $written, but the model has ${expected}: the checkpoint would not be complete"
        }
    }

    companion object {
        const val FORMAT: String = "arturo-checkpoint/1"

        fun parse(bytes: ByteArray, file: Path): CheckpointDescription {
            val node = CheckpointStore.readJson(bytes, file)
            if (node.path("format").asText() != FORMAT) CheckpointStore.corrupt("$file is not of format $FORMAT")
            fun text(parent: com.fasterxml.jackson.databind.JsonNode, key: String): String =
                parent.get(key)?.takeIf { it.isTextual }?.asText() ?: CheckpointStore.corrupt("$file has no text \"$key\"")
            fun variables(key: String): List<VariableSpec> {
                val array = node.get(key)?.takeIf { it.isArray } ?: CheckpointStore.corrupt("$file has no list \"$key\"")
                return array.map { v ->
                    val shape = v.get("shape")?.takeIf { s -> s.isArray && s.all { it.canConvertToLong() } }
                        ?: CheckpointStore.corrupt("$file has a variable without a shape: $v")
                    VariableSpec(text(v, "name"), shape.map { it.asLong() })
                }
            }
            val optimizer = node.get("optimizer") ?: CheckpointStore.corrupt("$file names no optimizer")
            val step = node.get("step")?.takeIf { it.canConvertToLong() } ?: CheckpointStore.corrupt("$file has no step")
            return CheckpointDescription(
                savedAt = runCatching { Instant.parse(text(node, "savedAt")) }.getOrElse { CheckpointStore.corrupt("$file has no valid savedAt") },
                step = step.asLong(),
                optimizer = OptimizerSpec(
                    text(optimizer, "name"), text(optimizer, "stateName"), text(optimizer, "class"),
                    text(optimizer, "config"), text(optimizer, "clipGradient"),
                ),
                weights = variables("weights"),
                state = variables("optimizerState"),
            )
        }
    }
}
