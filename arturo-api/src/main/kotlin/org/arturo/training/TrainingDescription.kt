package org.arturo.training

import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import org.arturo.CheckpointStore
import org.arturo.training.loop.LoopState

/** `training.json`: what a training checkpoint records beside the binary values, so a load can check it all first. */
internal class TrainingDescription(
    val savedAt: Instant,
    val method: String,
    val settings: String,
    val steps: Long,
    val examplesSeen: Long,
    val backpropagations: Long,
    /** Every variable's op name and shape, the model's first, in the order of `variables.f32`. */
    val variables: List<Pair<String, List<Long>>>,
    /** The counters and numbers; the arrays' values are in `arrays.f64` (see [arrayLengths]). */
    val state: LoopState,
) {
    val arrayLengths: Map<String, Int> = state.arrays().mapValues { it.value.size }

    fun info(version: CheckpointStore.Version) =
        TrainingCheckpointInfo(version.dir.toFile(), version.number, method, steps, examplesSeen, backpropagations, savedAt)

    fun toJson(): ByteArray {
        val node = CheckpointStore.JSON.createObjectNode()
        node.put("format", FORMAT).put("savedAt", savedAt.toString()).put("method", method).put("settings", settings)
            .put("steps", steps).put("examplesSeen", examplesSeen).put("backpropagations", backpropagations)
        val vars = node.putArray("variables")
        for ((name, shape) in variables) vars.addObject().put("name", name).also { o -> shape.forEach(o.putArray("shape")::add) }
        val counters = node.putObject("counters")
        state.counters().forEach { (k, v) -> counters.put(k, v) }
        // As text, so NaN and ±∞ survive and every double reads back to the same bits.
        val numbers = node.putObject("numbers")
        state.numbers().forEach { (k, v) -> numbers.put(k, v.toString()) }
        val arrays = node.putArray("arrays")
        arrayLengths.forEach { (k, n) -> arrays.addObject().put("name", k).put("length", n) }
        return CheckpointStore.JSON.writeValueAsBytes(node)
    }

    companion object {
        const val FORMAT: String = "arturo-training-checkpoint/1"

        fun parse(file: Path): TrainingDescription {
            val node = CheckpointStore.readJson(Files.readAllBytes(file), file)
            fun bad(what: String): Nothing = CheckpointStore.corrupt("$file $what")
            if (node.path("format").asText() != FORMAT) bad("is not of format $FORMAT")
            fun text(key: String) = node.get(key)?.takeIf { it.isTextual }?.asText() ?: bad("has no text \"$key\"")
            fun long(key: String) = node.get(key)?.takeIf { it.canConvertToLong() }?.asLong() ?: bad("has no number \"$key\"")
            val variables = (node.get("variables")?.takeIf { it.isArray } ?: bad("has no list \"variables\"")).map { v ->
                val shape = v.get("shape")?.takeIf { s -> s.isArray && s.all { it.canConvertToLong() } } ?: bad("has a variable without a shape: $v")
                (v.get("name")?.asText() ?: bad("has a variable without a name")) to shape.map { it.asLong() }
            }
            val counters = (node.get("counters") ?: bad("has no counters")).fields().asSequence()
                .associate { (k, v) -> k to (v.takeIf { it.canConvertToLong() }?.asLong() ?: bad("has a counter $k that is no integer")) }
            val numbers = (node.get("numbers") ?: bad("has no numbers")).fields().asSequence()
                .associate { (k, v) -> k to (v.asText().toDoubleOrNull() ?: bad("has a number $k that does not parse")) }
            val arrays = (node.get("arrays")?.takeIf { it.isArray } ?: bad("has no list \"arrays\"")).associate { a ->
                (a.get("name")?.asText() ?: bad("has an array without a name")) to
                    (a.get("length")?.takeIf { it.canConvertToInt() && it.asInt() >= 0 }?.asInt() ?: bad("has an array without a length"))
            }
            val savedAt = runCatching { Instant.parse(text("savedAt")) }.getOrElse { bad("has no valid savedAt") }
            // The arrays' values come from arrays.f64; here they are placeholders of the recorded lengths.
            val state = LoopState(counters, numbers, arrays.mapValues { DoubleArray(it.value) })
            return TrainingDescription(savedAt, text("method"), text("settings"), long("steps"), long("examplesSeen"),
                long("backpropagations"), variables, state)
        }
    }
}
