package org.arturo.training

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.File
import org.arturo.CheckpointException
import org.arturo.CheckpointProblem
import org.arturo.FashionMnist
import org.arturo.SavePhase
import org.arturo.TestModels
import org.arturo.TestModels.compileWith
import org.arturo.training.etr.Ellipsoid
import org.arturo.training.graph.ParameterAccess
import org.arturo.training.loop.Budget
import org.arturo.training.loop.ResumableMethod
import org.jetbrains.kotlinx.dl.api.core.Sequential
import org.jetbrains.kotlinx.dl.api.core.optimizer.SGD

/** Training checkpoints: a resumed method continues bit for bit; every mismatch fails before anything is written. */
class TrainingCheckpointsSpec : FunSpec({
    val data = FashionMnist.train(512)
    val trustRegion = ellipsoidalTrustRegion { ellipsoid = Ellipsoid.RMS; radius0 = 1e-3; batchSize = 128 }
    val cabs = cabs { learningRate = 0.1; maxBatchSize = 128 }

    /** Runs [block] on a fresh model (equal initial weights every time) trained with [spec]. */
    fun <T> withTraining(spec: org.arturo.training.loop.MethodSpec, block: (ModelTraining, Sequential) -> T): T =
        TestModels.mlp().use { model ->
            model.compileWith(SGD())
            block(model.training(data, spec, seed = 2), model)
        }

    fun parameters(training: ModelTraining): List<FloatArray> = ParameterAccess(training.graph).read()

    fun shouldBeBitEqual(a: List<FloatArray>, b: List<FloatArray>) {
        a.size shouldBe b.size
        a.indices.forEach { i -> a[i].contentEquals(b[i]) shouldBe true }
    }

    for ((name, spec) in listOf("trust region" to trustRegion, "CABS" to cabs)) {
        test("$name: save after 3 steps, resume in a fresh model, 3 more steps equal 6 uninterrupted ones bit for bit") {
            val dir = tempdir()
            val straight = withTraining(spec) { t, _ -> t.run(Budget.steps(6), progress = false); parameters(t) }
            withTraining(spec) { t, _ ->
                t.run(Budget.steps(3), progress = false)
                val info = (t.method as ResumableMethod).saveCheckpoint(dir)
                info.steps shouldBe 3
            }
            val resumed = withTraining(spec) { t, _ ->
                (t.method as ResumableMethod).loadCheckpoint(dir).steps shouldBe 3
                t.method.steps() shouldBe 3
                t.run(Budget.steps(6), progress = false)
                parameters(t)
            }
            shouldBeBitEqual(straight, resumed)
        }
    }

    test("run(checkpoints = dir) saves as it goes and a fresh training resumes from it") {
        val dir = tempdir()
        val straight = withTraining(trustRegion) { t, _ -> t.run(Budget.steps(8), progress = false); parameters(t) }
        withTraining(trustRegion) { t, _ -> t.run(Budget.steps(5), progress = false, checkpoints = dir, checkpointEvery = 2) }
        findTrainingCheckpoint(dir)!!.steps shouldBe 5   // the end of the run saved step 5
        val resumed = withTraining(trustRegion) { t, _ ->
            t.run(Budget.steps(8), progress = false, checkpoints = dir, checkpointEvery = 2).steps() shouldBe 8
            parameters(t)
        }
        shouldBeBitEqual(straight, resumed)
    }

    test("another method, other settings, a damaged file or no checkpoint fail naming why, and write nothing") {
        val dir = tempdir()
        withTraining(trustRegion) { t, _ -> t.run(Budget.steps(2), progress = false); (t.method as ResumableMethod).saveCheckpoint(dir) }
        fun failsUntouched(spec: org.arturo.training.loop.MethodSpec, from: File, problem: CheckpointProblem, text: String) =
            withTraining(spec) { t, _ ->
                val before = parameters(t)
                val e = shouldThrow<CheckpointException> { (t.method as ResumableMethod).loadCheckpoint(from) }
                e.problem shouldBe problem
                e.message shouldContain text
                shouldBeBitEqual(before, parameters(t))
                t.method.steps() shouldBe 0
            }
        failsUntouched(cabs, dir, CheckpointProblem.OTHER_OPTIMIZER, "written by ellipsoidal-tr")
        failsUntouched(ellipsoidalTrustRegion { radius0 = 1e-3; batchSize = 64 }, dir, CheckpointProblem.DIFFERENT_HYPERPARAMETERS, "batchSize=64")
        failsUntouched(trustRegion, tempdir(), CheckpointProblem.NO_CHECKPOINT, "no training checkpoint")
        val variables = dir.walk().first { it.name == "variables.f32" }
        variables.writeBytes(variables.readBytes().also { it[10] = (it[10] + 1).toByte() })
        failsUntouched(trustRegion, dir, CheckpointProblem.CORRUPT, "variables.f32")
    }

    test("a save interrupted at any phase leaves the previous checkpoint current and loadable") {
        for (phase in SavePhase.values()) {
            val dir = tempdir()
            withTraining(trustRegion) { t, _ ->
                val method = t.method as ResumableMethod
                t.run(Budget.steps(2), progress = false)
                method.saveCheckpoint(dir)
                t.run(Budget.steps(4), progress = false)
                shouldThrow<IllegalStateException> {
                    writeTrainingCheckpoint(method, dir.toPath(), 2) { if (it == phase) throw IllegalStateException("interrupted at $it") }
                }
            }
            val current = findTrainingCheckpoint(dir)!!.steps
            // Until the pointer switches, the old version is current; from then on the new one, complete.
            current shouldBe if (phase.ordinal >= SavePhase.POINTER_SWITCHED.ordinal) 4 else 2
            withTraining(trustRegion) { t, _ -> (t.method as ResumableMethod).loadCheckpoint(dir).steps shouldBe current }
        }
    }
})
