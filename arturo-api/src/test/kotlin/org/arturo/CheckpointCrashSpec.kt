package org.arturo

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldBeIn
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import java.io.File
import java.util.Collections
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread

/**
 * Kills (SIGKILL) a process that saves checkpoints, at moments spread over its saves, and checks after
 * every kill that the directory loads: the previous checkpoint or the one being saved, complete, never
 * a mixture (the loaded weights are the ones announced for the loaded step), and that training goes on
 * from it. Each child ([CheckpointingProcess]) saves at steps 8, 16, 24, ... and is killed during its
 * second, third or fourth save, after a delay between 0 and 1.6 times the median duration of a save,
 * so the kills fall on every stage of a save and some after it.
 */
class CheckpointCrashSpec : FunSpec({
    val kills = 12
    val lanes = 2   // children run two at a time: their JVM start-ups overlap

    test("a process killed while saving leaves a checkpoint that loads completely and trains on") {
        val root = tempdir()
        val data = CheckpointingProcess.data()
        val parentLock = Any()   // TensorFlow work of the parent runs one lane at a time
        // Durations of the children's completed saves after their first (which is slow: class loading, JIT).
        val saveMs = Collections.synchronizedList(mutableListOf<Long>())
        fun median(values: List<Long>, otherwise: Long): Long = synchronized(values) { values.sorted().getOrNull(values.size / 2) } ?: otherwise
        val report = Collections.synchronizedList(mutableListOf<String>())
        val started = System.nanoTime()

        class Child(val dir: File) {
            val announced = mutableMapOf<Long, Long>()   // step -> fingerprint
            val completed = mutableSetOf<Long>()
            var savesStarted = 0
            var inProgress = -1L
            val log = File(dir.parentFile, "${dir.name}.stderr")
            val process: Process = ProcessBuilder(
                ProcessHandle.current().info().command().orElse(File(System.getProperty("java.home"), "bin/java").path),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                CheckpointingProcess::class.java.name, dir.path,
            ).redirectError(log).start()
            val lines = LinkedBlockingQueue<String>()
            val reader = thread(isDaemon = true) {
                process.inputStream.bufferedReader().forEachLine { lines.put(it) }
                lines.put(EOF)
            }

            fun handle(line: String) {
                val parts = line.split(' ')
                when (parts[0]) {
                    "SAVING" -> {
                        savesStarted++
                        inProgress = parts[1].toLong()
                        announced[inProgress] = parts[2].toLong()
                    }
                    "SAVED" -> {
                        completed += parts[1].toLong()
                        if (completed.size > 1) saveMs += parts[2].toLong()
                    }
                }
            }

            /** Reads until the [n]-th save starts; returns false if the process ended first. */
            fun awaitSave(n: Int): Boolean {
                while (savesStarted < n) {
                    val line = lines.poll(120, TimeUnit.SECONDS) ?: error("no output from the child for 120 s; see $log")
                    if (line == EOF) return false
                    handle(line)
                }
                return true
            }

            fun kill() {
                process.destroyForcibly()
                process.waitFor()
                reader.join()
                generateSequence { lines.poll() }.filter { it != EOF }.forEach(::handle)
            }
        }

        fun run(i: Int): Int {
            val dir = File(root, "run-$i")
            val child = Child(dir)
            val save = 2 + i % 3
            val fraction = 1.6 * ((i * 5) % kills + 0.5) / kills   // i ↦ i·5 mod 12 spreads the fractions over the saves
            check(child.awaitSave(save)) { "the child ended before its save $save; see ${child.log}" }
            val target = child.inProgress
            val expectedMs = median(saveMs, 300)
            val delayMs = (fraction * expectedMs).toLong()
            Thread.sleep(delayMs)
            child.kill()
            val left = dir.list()!!.filter { it.startsWith(".tmp") || it == "CURRENT.tmp" || it.startsWith(".trash") }.sorted()
            val versions = dir.list()!!.filter { it.startsWith("ckpt-") }.sorted()

            synchronized(parentLock) {
                val optimizer = CheckpointingProcess.optimizer()
                CheckpointingProcess.compiled(optimizer).use { model ->
                    val info = model.loadCheckpoint(dir)
                    val step = CheckpointingProcess.step(model, optimizer)
                    withClue("kill $i during save $save after $delayMs ms (child announced ${child.announced.keys}, completed ${child.completed}; see ${child.log})") {
                        info.step shouldBe step
                        // A save that completed or the one being killed: nothing else, and the weights of exactly that step.
                        step shouldBeIn child.completed + child.inProgress
                        CheckpointingProcess.fingerprint(model) shouldBe child.announced[step]
                        model.fit(data, epochs = 1, batchSize = CheckpointingProcess.BATCH_SIZE)
                        CheckpointingProcess.step(model, optimizer) shouldBe step + CheckpointingProcess.STEPS_PER_EPOCH
                        // The next save clears whatever the kill left.
                        model.saveCheckpoint(dir)
                        val after = dir.list()!!.sorted()
                        after.filter { it.startsWith(".tmp") || it.startsWith(".trash") || it == "CURRENT.tmp" } shouldBe emptyList()
                        after.count { it.startsWith("ckpt-") } shouldBeLessThanOrEqual 2
                    }
                    val switched = step >= target
                    report += "kill %2d: save %d of the child, after %4d ms of ~%4d: left %s, versions %s; loaded step %d (%s)".format(
                        i, save, delayMs, expectedMs, left.ifEmpty { "nothing" }, versions, step,
                        if (switched) "the save aimed at, or a later one" else "an earlier save",
                    )
                    return if (switched) 1 else 0
                }
            }
        }

        val pool = Executors.newFixedThreadPool(lanes)
        val switched = try {
            pool.invokeAll((0 until kills).map { i -> Callable { run(i) } }).sumOf { it.get() }
        } finally {
            pool.shutdownNow()
        }
        val seconds = (System.nanoTime() - started) / 1e9
        println(report.sorted().joinToString("\n", postfix = "\n%d kills in %.1f s: %d loaded the save aimed at (or a later one), %d an earlier one"
            .format(kills, seconds, switched, kills - switched)))
        // Delays reach past the end of a save, so both outcomes occur.
        switched shouldBeGreaterThanOrEqual 1
        (kills - switched) shouldBeGreaterThanOrEqual 1
    }
})

private const val EOF = "\u0000EOF"
