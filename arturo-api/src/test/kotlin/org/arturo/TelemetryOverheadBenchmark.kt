package org.arturo

import java.io.File
import java.time.LocalDate
import org.arturo.TestModels.compileWith
import org.arturo.kotlindl.KotlinDlInternals
import org.arturo.kotlindl.KotlinDlOptimizer
import org.arturo.telemetry.Telemetry
import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.callback.Callback

/**
 * Measures what [Telemetry] costs per training step: epochs with and without it alternate on
 * the same model (6400 Fashion-MNIST images, batch 64, 100 steps per epoch), after one warm-up
 * epoch each. Prints the median step time of each variant, the difference, and the cost of one
 * reading alone (the same fetch of the diagnostics, timed 2000 times outside training).
 *
 * Run: `mvn -B -o -pl arturo-api -am verify -DskipTests -Prun -Drun.main=org.arturo.TelemetryOverheadBenchmarkKt`
 */
fun main() {
    val data = FashionMnist.train(6400)
    val stepsPerEpoch = 100
    val rounds = 8
    println("Telemetry overhead per training step (median of $rounds epochs of $stepsPerEpoch steps each)")
    println("machine: ${machine()}, date: ${LocalDate.now()}")
    println(String.format("%-5s %12s %12s %12s %12s %10s %12s", "model", "none [ms]", "every [ms]", "epoch [ms]", "Δevery [ms]", "Δ [%]", "read [ms]"))
    for ((name, build) in listOf("mlp" to TestModels::mlp, "cnn" to TestModels::cnn)) {
        build().use { model: Sequential ->
            val optimizer = arturo { epsilon = 0.01 }
            model.compileWith(optimizer)
            val variants: List<Pair<String, () -> List<Callback>>> = listOf(
                "none" to { emptyList() },
                "every" to { listOf(Telemetry(optimizer, everySteps = 1).addStepListener { }) },
                "epoch" to { listOf(Telemetry(optimizer, everySteps = 0)) },
            )
            val times = variants.associate { it.first to mutableListOf<Double>() }
            variants.forEach { (_, callbacks) -> model.fit(data, epochs = 1, batchSize = 64, callbacks = callbacks()) }
            repeat(rounds) {
                for ((variant, callbacks) in variants) {
                    val start = System.nanoTime()
                    model.fit(data, epochs = 1, batchSize = 64, callbacks = callbacks())
                    times.getValue(variant) += (System.nanoTime() - start) / 1e6 / stepsPerEpoch
                }
            }
            val none = times.getValue("none").median()
            val every = times.getValue("every").median()
            val epoch = times.getValue("epoch").median()
            println(String.format("%-5s %12.3f %12.3f %12.3f %12.3f %10.1f %12.4f", name, none, every, epoch, every - none,
                100 * (every - none) / none, readCost(model, optimizer)))
        }
    }
}

/** Milliseconds per reading of all the optimizer's diagnostics from the model's session, as the telemetry reads them. */
private fun readCost(model: Sequential, optimizer: KotlinDlOptimizer): Double {
    val session = KotlinDlInternals.sessionOf(model)
    val diagnostics = optimizer.diagnostics()
    fun readOnce() = diagnostics.read(session).asMap()
    repeat(200) { readOnce() }
    val n = 2000
    val start = System.nanoTime()
    repeat(n) { readOnce() }
    return (System.nanoTime() - start) / 1e6 / n
}

private fun List<Double>.median(): Double = sorted().let { (it[(it.size - 1) / 2] + it[it.size / 2]) / 2 }

private fun machine(): String {
    val cpu = runCatching {
        File("/proc/cpuinfo").readLines().firstOrNull { it.startsWith("model name") }?.substringAfter(":")?.trim()
    }.getOrNull() ?: System.getProperty("os.arch")
    return "$cpu, ${Runtime.getRuntime().availableProcessors()} cores, ${System.getProperty("os.name")}, " +
        "Java ${System.getProperty("java.version")}"
}
